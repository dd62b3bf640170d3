"""Writing the demo data: units, campaigns, targets, initiatives and staff accounts (idempotent)."""

import random
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from .. import scopes, services
from ..models import Campaign, Cluster, ClusterMember, Initiative, Phase, StaffScope, Target, Unit
from .data import (
    EFFECTS,
    FAMILY,
    GIVEN,
    GRASSROOTS,
    KINDS_BY_SECTOR,
    MIDDLE,
    MILLION,
    MILLION_CLUSTERS,
    PHASE1_QUOTAS,
    POSITIONS,
    PROVINCE_CODE,
    REJECTION_REASONS,
    SEVENTY_FIVE,
    TITLES,
    UNITS,
    UNITS_SINCE,
    WORKFLOW_PATH,
)

S = Initiative.Status
SEC = Initiative.Sector


def seed_initiatives(*, stdout):
    """Create (or complete) the demo units, campaigns, targets, initiatives and staff accounts."""
    with transaction.atomic():
        units = seed_units()
        campaigns = [seed_campaign(MILLION, units), seed_campaign(SEVENTY_FIVE, units)]
        seed_million_targets(campaigns[0], units)
        seed_clusters(campaigns[0], units, MILLION_CLUSTERS)
        seed_seventy_five_targets(campaigns[1], units)
        created = 0
        for spec, campaign in zip((MILLION, SEVENTY_FIVE), campaigns, strict=True):
            phases = {p.number: p for p in campaign.phases.all()}
            for plan in spec["plans"]:
                created += seed_phase(campaign, phases[plan.phase_number], plan, units)
            services.after_bulk_change(campaign=campaign)
        accounts = seed_staff(units)
    stdout.write(f"Sáng kiến mẫu: {len(units)} đơn vị, {len(campaigns)} phong trào, thêm {created} sáng kiến.")
    for username, role, password in accounts:
        stdout.write(f"Tài khoản {role}: {username} / {password}")


def seed_units():
    """The Sóc Trăng tree; returns {code: Unit}. Existing units (by code) are kept as they are."""
    existing = {u.code: u for u in Unit.objects.filter(code__in=_unit_codes())}
    units = {}
    order = 0
    for code, name, short_name, kind, parent_code, members, workers in UNITS:
        order += 1
        units[code] = existing.get(code) or _create_unit(
            code, name, short_name, kind, units.get(parent_code), members, workers, order
        )
    for parent_code, children in GRASSROOTS.items():
        parent = units[parent_code]
        for position, (suffix, name) in enumerate(children, start=1):
            code = f"{parent_code}-{suffix}"[:40]
            members = 40 + (sum(map(ord, name)) % 160)
            units[code] = existing.get(code) or _create_unit(
                code, name, name, Unit.Kind.CDCS, parent, members, members + members // 10, position
            )
    return units


def _unit_codes():
    codes = [row[0] for row in UNITS]
    for parent_code, children in GRASSROOTS.items():
        codes += [f"{parent_code}-{suffix}"[:40] for suffix, _name in children]
    return codes


def _create_unit(code, name, short_name, kind, parent, members, workers, order):
    unit = Unit(
        code=code,
        name=name,
        short_name=short_name,
        kind=kind,
        parent=parent,
        member_count=members,
        worker_count=workers,
        order=order,
        valid_from=UNITS_SINCE,
    )
    unit.save()
    return unit


def seed_campaign(spec, units):
    campaign, _created = Campaign.objects.get_or_create(
        slug=spec["slug"],
        defaults={
            "name": spec["name"],
            "issuer": spec["issuer"],
            "description": spec["description"],
            "starts_on": spec["starts_on"],
            "ends_on": spec["ends_on"],
            "national_target": spec["national_target"],
            "root_unit": units[PROVINCE_CODE],
        },
    )
    for number, name, opens_on, closes_on in spec["phases"]:
        Phase.objects.get_or_create(
            campaign=campaign, number=number, defaults={"name": name, "opens_on": opens_on, "closes_on": closes_on}
        )
    return campaign


def seed_clusters(campaign, units, clusters):
    """The campaign's emulation clusters and their units, when the campaign has none yet."""
    if Cluster.objects.filter(campaign=campaign).exists():
        return
    for order, (code, name, members) in enumerate(clusters, start=1):
        cluster = Cluster.objects.create(campaign=campaign, code=code, name=name, order=order)
        ClusterMember.objects.bulk_create(
            ClusterMember(cluster=cluster, campaign=campaign, unit=units[unit_code]) for unit_code in members
        )


def seed_million_targets(campaign, units):
    phase1, phase2 = campaign.phases.order_by("number")[:2]
    province = units[PROVINCE_CODE]
    _target(province, campaign, phase1, Target.Kind.QUOTA, 1000)
    _target(province, campaign, phase1, Target.Kind.PLAN, 2000)
    _target(province, campaign, phase2, Target.Kind.QUOTA, 1000)
    _target(province, campaign, phase2, Target.Kind.PLAN, 1500)
    _target(province, campaign, None, Target.Kind.QUOTA, 2000)
    _target(province, campaign, None, Target.Kind.PLAN, 3500)
    for code, value in PHASE1_QUOTAS.items():
        _target(units[code], campaign, phase1, Target.Kind.QUOTA, value)
        _target(units[code], campaign, phase2, Target.Kind.QUOTA, max(5, value * 3 // 4))


def seed_seventy_five_targets(campaign, units):
    phase = campaign.phases.get(number=1)
    _target(units[PROVINCE_CODE], campaign, phase, Target.Kind.QUOTA, 450)
    _target(units[PROVINCE_CODE], campaign, phase, Target.Kind.PLAN, 500)


def _target(unit, campaign, phase, kind, value):
    if not Target.objects.filter(unit=unit, campaign=campaign, phase=phase, kind=kind).exists():
        services.set_target(unit=unit, campaign=campaign, phase=phase, kind=kind, value=value)


def _sector_of(unit, rng):
    name = unit.name
    if unit.kind == Unit.Kind.CD_KCN or "Công ty" in name or "Ban Quản lý chợ" in name:
        return SEC.SAN_XUAT
    if "Trường" in name or "Y tế" in name or "Bệnh viện" in name or "Kiểm soát" in name:
        return SEC.SU_NGHIEP
    if unit.kind == Unit.Kind.CD_NGANH:
        return rng.choice([SEC.SU_NGHIEP, SEC.SU_NGHIEP, SEC.HANH_CHINH])
    if unit.kind == Unit.Kind.CD_VIEN_CHUC or "UBND" in name or "Sở" in name or "Văn phòng" in name:
        return SEC.HANH_CHINH
    return rng.choice([SEC.HANH_CHINH, SEC.SU_NGHIEP, SEC.SAN_XUAT])


def _split(total, parts, rng):
    """`total` split into len(parts) non-negative whole numbers, the first (the unit itself) getting about a fifth."""
    if len(parts) == 1:
        return [total]
    own = total // 5
    weights = [rng.uniform(0.6, 1.4) for _ in parts[1:]]
    scale = (total - own) / sum(weights)
    shares = [int(w * scale) for w in weights]
    shares[0] += total - own - sum(shares)
    return [own, *shares]


def _day_between(rng, start, end, *, skew=1.6):
    """A day between `start` and `end`, more of them towards the end (campaigns pick up speed)."""
    span = (end - start).days
    return start + timedelta(days=int(span * rng.random() ** (1 / skew)))


def _moment(day, rng):
    return timezone.make_aware(datetime.combine(day, time(7 + rng.randrange(10), rng.randrange(60))))


def _status_for(rng, decided_share):
    if rng.random() > decided_share:
        return rng.choice([S.DA_NOP, S.DA_NOP, S.DANG_XET])
    roll = rng.random()
    if roll < 0.09:
        return S.KHONG_THONG_QUA
    if roll < 0.91:
        return S.THONG_QUA
    if roll < 0.985:
        return S.DE_NGHI_KHEN
    return S.DUOC_TANG_BANG


def seed_phase(campaign, phase, plan, units):
    """Initiatives of one phase: exactly `plan.submitted[code]` submitted ones in each subtree, plus some
    registrations that were never submitted. Returns how many were created (0 when already there)."""
    rng = random.Random(f"{plan.prefix}-{campaign.slug}")
    children_of = {}
    for unit in units.values():
        if unit.parent_id:
            children_of.setdefault(unit.parent_id, []).append(unit)
    planned = []
    for top_code, submitted in plan.submitted.items():
        top = units[top_code]
        members = [top, *sorted(children_of.get(top.pk, []), key=lambda u: u.code)]
        registered_only = round(submitted * plan.registered_only_share)
        for unit, n_submitted, n_registered in zip(
            members,
            _split(submitted, members, rng),
            _split(registered_only, members, rng),
            strict=True,
        ):
            for n in range(1, n_submitted + n_registered + 1):
                key = f"{plan.prefix}-{unit.code}-{n:04d}"
                status = _status_for(rng, plan.decided_share) if n <= n_submitted else S.DANG_KY
                planned.append(_planned_initiative(campaign, phase, unit, key, status, rng))
    existing = set(Initiative.objects.filter(campaign=campaign, phase=phase).values_list("key", flat=True))
    new = [item for item in planned if item.key not in existing]
    return services.create_in_bulk(campaign=campaign, initiatives=new, rebuild_totals=False)


def _planned_initiative(campaign, phase, unit, key, status, rng):
    sector = _sector_of(unit, rng)
    kind = rng.choice(KINDS_BY_SECTOR[sector])
    place = unit.short_name or unit.name
    title = rng.choice(TITLES[sector]).format(unit=place.replace("CĐCS ", ""))
    last_day = min(phase.closes_on, timezone.localdate())
    registered_on = _day_between(rng, phase.opens_on, last_day - timedelta(days=10))
    registered_at = _moment(registered_on, rng)
    submitted_at = None
    history = []
    if status != S.DANG_KY:
        submitted_on = min(last_day, registered_on + timedelta(days=rng.randint(3, 25)))
        submitted_at = _moment(submitted_on, rng)
        steps = WORKFLOW_PATH[: WORKFLOW_PATH.index(status) + 1] if status != S.KHONG_THONG_QUA else WORKFLOW_PATH[:3]
        at = submitted_at
        for before, after in zip(steps, steps[1:], strict=False):
            history.append((before, after, at, ""))
            at += timedelta(days=rng.randint(5, 30))
        if status == S.KHONG_THONG_QUA:
            history.append((S.DANG_XET, S.KHONG_THONG_QUA, at, ""))
    approved = status in Initiative.APPROVED_STATUSES
    benefit = rng.choice([None, 5, 8, 10, 12, 15, 20, 30, 45, 60, 120]) if approved else None
    recognized_on = (submitted_at + timedelta(days=rng.randint(20, 60))).date() if approved else None
    initiative = services.NewInitiative(
        phase=phase,
        unit=unit,
        key=key,
        title=title,
        kind=kind,
        sector=sector,
        summary=f"{title}. Sáng kiến do đoàn viên {place} đề xuất và áp dụng tại đơn vị.",
        effect=rng.choice(EFFECTS),
        benefit_value=benefit * 1_000_000 if benefit else None,
        recognized_by=rng.choice([Initiative.Recognizer.HOI_DONG, Initiative.Recognizer.THU_TRUONG])
        if approved
        else "",
        recognized_on=recognized_on,
        status=status,
        rejection_reason=rng.choice(REJECTION_REASONS) if status == S.KHONG_THONG_QUA else "",
        registered_at=registered_at,
        submitted_at=submitted_at,
        history=history,
    )
    initiative.authors = [
        (f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}", rng.choice(POSITIONS[sector]))
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3]))
    ]
    return initiative


def seed_staff(units):
    """Three accounts, created only when missing, with settings.DEMO_PASSWORD (as the news demo accounts):
    a provincial administrator, a Vĩnh Châu officer and a Vĩnh Châu reviewer of members' submissions (who logs
    in at /tai-khoan/dang-nhap/ with their e-mail). Returns [(username, role, password shown)]."""
    User = get_user_model()
    password = settings.DEMO_PASSWORD
    accounts = []
    province_group = Group.objects.get(name=scopes.PROVINCE_ADMIN_GROUP)
    officer_group = Group.objects.get(name=scopes.UNIT_OFFICER_GROUP)
    reviewer_group = Group.objects.get(name=scopes.REVIEWER_GROUP)
    for username, full_name, group, unit_code, role in [
        ("sangkien_tinh", "Quản trị sáng kiến tỉnh", province_group, None, "quản trị sáng kiến tỉnh"),
        ("sangkien_vinhchau", "Cán bộ sáng kiến Vĩnh Châu", officer_group, "st-vinh-chau", "cán bộ LĐLĐ TX Vĩnh Châu"),
        ("duyet_vinhchau", "Duyệt sáng kiến Vĩnh Châu", reviewer_group, "st-vinh-chau", "duyệt sáng kiến Vĩnh Châu"),
    ]:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": full_name,
                "is_staff": group != reviewer_group,
                "email": f"{username}@example.vn",
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        user.groups.add(group)
        if unit_code:
            StaffScope.objects.get_or_create(user=user, defaults={"unit": units[unit_code]})
        accounts.append((username, role, password if created else "(đã có, giữ nguyên mật khẩu)"))
    return accounts
