"""The two staff groups of the initiatives campaigns and their permissions.

- "Quản trị sáng kiến tỉnh": provincial administrators; every permission on the app except rewriting the
  status history (it is written by the workflow only), and they see every unit.
- "Cán bộ sáng kiến đơn vị": unit staff; enter and edit initiatives (with their authors) within the unit subtree
  given by their StaffScope, and read units, campaigns, phases and targets.
"""

from django.db import migrations

PROVINCE_GROUP = "Quản trị sáng kiến tỉnh"
UNIT_GROUP = "Cán bộ sáng kiến đơn vị"

APP_MODELS = ["unit", "campaign", "phase", "target", "initiative", "author", "statuschange", "staffscope"]
HISTORY_WRITE_CODENAMES = ["add_statuschange", "change_statuschange", "delete_statuschange"]
UNIT_STAFF_CODENAMES = [
    "add_initiative",
    "change_initiative",
    "view_initiative",
    "add_author",
    "change_author",
    "delete_author",
    "view_author",
    "view_statuschange",
    "view_unit",
    "view_campaign",
    "view_phase",
    "view_target",
]


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("initiatives")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    app_permissions = Permission.objects.filter(content_type__app_label="initiatives", content_type__model__in=APP_MODELS)

    province, _ = Group.objects.get_or_create(name=PROVINCE_GROUP)
    province.permissions.add(*app_permissions.exclude(codename__in=HISTORY_WRITE_CODENAMES))
    unit, _ = Group.objects.get_or_create(name=UNIT_GROUP)
    unit.permissions.add(*app_permissions.filter(codename__in=UNIT_STAFF_CODENAMES))


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[PROVINCE_GROUP, UNIT_GROUP]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
