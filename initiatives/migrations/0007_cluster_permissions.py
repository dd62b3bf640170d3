"""Emulation clusters for the staff groups: provincial administrators manage them, unit staff read them."""

from django.db import migrations

PROVINCE_GROUP = "Quản trị sáng kiến tỉnh"
UNIT_GROUP = "Cán bộ sáng kiến đơn vị"
MODELS = ["cluster", "clustermember"]


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("initiatives")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="initiatives", content_type__model__in=MODELS)
    province, _ = Group.objects.get_or_create(name=PROVINCE_GROUP)
    province.permissions.add(*permissions)
    unit, _ = Group.objects.get_or_create(name=UNIT_GROUP)
    unit.permissions.add(*permissions.filter(codename__startswith="view_"))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(content_type__app_label="initiatives", content_type__model__in=MODELS)
    for group in Group.objects.filter(name__in=[PROVINCE_GROUP, UNIT_GROUP]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0006_clusters_and_review_backlog")]

    operations = [migrations.RunPython(create_groups, revoke)]
