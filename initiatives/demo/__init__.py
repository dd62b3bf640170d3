"""Demo data for the initiatives campaigns: the Sóc Trăng union tree, two campaigns, targets, initiatives, staff.

Facts (from the federation's own reports):
- the units directly under LĐLĐ tỉnh Sóc Trăng named in its reports (LĐLĐ TX Vĩnh Châu, LĐLĐ huyện Trần Đề,
  LĐLĐ TP Sóc Trăng, LĐLĐ TX Ngã Năm, LĐLĐ huyện Mỹ Tú, Công đoàn Ngành Giáo dục, Công đoàn Viên chức tỉnh,
  Công đoàn Các KCN tỉnh with 25.562 members out of 26.876 workers) and the other districts of the province
  (Kế Sách, Long Phú, Châu Thành, Mỹ Xuyên, Thạnh Trị, Cù Lao Dung); CĐCS Công ty Cổ phần Công trình Đô thị
  directly under the province;
- "1 triệu sáng kiến …" (Tổng LĐLĐ Việt Nam, national target 1.000.000), phases 08/01/2022–31/05/2022 and
  01/06/2022–01/09/2023; Sóc Trăng's phase-1 quota 1.000 and plan 2.000; at the end of phase 1 the province
  counted 2.822 initiatives (282,2% of the quota, 822 above the plan): Vĩnh Châu 507, Trần Đề 441, Giáo dục 337,
  TP Sóc Trăng 272, Viên chức 259, CĐCS Công ty CP Công trình Đô thị 87. The seeded phase-1 initiatives add up
  to exactly these "submitted" figures;
- the earlier "75 nghìn sáng kiến, vượt khó, phát triển" programme (2021).

Demo assumptions (invented to make the pages look real; not facts):
- Công đoàn Ngành Y tế and Công đoàn Ngành Giao thông - Xây dựng, every grassroots union (CĐCS) listed below
  except CĐCS Công ty CP Công trình Đô thị, and all member counts except those of Công đoàn Các KCN;
- the phase-1 figures of the units not named above, every unit quota, the whole-campaign and phase-2 targets,
  all phase-2 initiatives, everything about the "75 nghìn" campaign (its phase window, quota, initiatives);
- every initiative's title, authors, dates, status, kind, sector and benefit value;
- the emulation clusters (cụm, khối thi đua) of the "1 triệu sáng kiến" campaign and which unions are in them.

The tree's root is LĐLĐ tỉnh Sóc Trăng (the campaigns' `root_unit`), so the progress page opens on the
province's standing. Keys are deterministic ("1tr-gd1-st-vinh-chau-0001"), so running the seeding again adds
nothing. Initiatives are written with `services.create_in_bulk`, then `services.after_bulk_change` rebuilds the
running totals.

`data` holds the figures and names, `seeding` writes them.
"""

from .seeding import seed_initiatives

__all__ = ["seed_initiatives"]
