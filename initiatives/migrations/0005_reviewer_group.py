"""The reviewers' group "Duyệt sáng kiến": members' submissions are decided on the site (not in the admin), within
the unit subtree of the reviewer's StaffScope; the group reads initiatives, their authors, attachments and history.
"""

from django.db import migrations

REVIEWER_GROUP = "Duyệt sáng kiến"
REVIEWER_CODENAMES = ["view_initiative", "view_author", "view_attachment", "view_statuschange", "view_unit"]


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("initiatives")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reviewers, _ = Group.objects.get_or_create(name=REVIEWER_GROUP)
    reviewers.permissions.add(
        *Permission.objects.filter(content_type__app_label="initiatives", codename__in=REVIEWER_CODENAMES)
    )
    province = Group.objects.filter(name="Quản trị sáng kiến tỉnh").first()
    if province is not None:
        province.permissions.add(
            *Permission.objects.filter(content_type__app_label="initiatives", content_type__model="attachment")
        )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=REVIEWER_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0004_member_submissions"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_groups, remove_groups)]
