"""Importing emulation clusters with their units: all or nothing, units moved between clusters."""

import io

import pytest
from django.urls import reverse

from initiatives.importing import ImportFileError
from initiatives.importing.clusters import import_clusters
from initiatives.models import Cluster, ClusterMember

from ..fixtures.world import csv_bytes

pytestmark = pytest.mark.django_db


def run(world, rows):
    data = csv_bytes(rows, columns=("ma_cum", "ten_cum", "ma_don_vi"))
    return import_clusters(fp=io.BytesIO(data), filename="cum.csv", campaign=world.campaign)


def members(world):
    return {
        (m.cluster.code, m.unit.code)
        for m in ClusterMember.objects.filter(campaign=world.campaign).select_related("cluster", "unit")
    }


def test_clusters_and_their_units_are_created(world):
    result = run(
        world,
        [
            {"ma_cum": "cum-1", "ten_cum": "Cụm thi đua số 1", "ma_don_vi": "st-vinh-chau"},
            {"ma_cum": "cum-1", "ten_cum": "", "ma_don_vi": "st-tran-de"},
            {"ma_cum": "Cụm 2", "ten_cum": "Cụm thi đua số 2", "ma_don_vi": "st-vinh-chau-vinh-hai"},
        ],
    )
    assert result.ok, result.errors
    assert result.summary() == "Thêm 2 cụm thi đua, xếp 3 đơn vị vào cụm."
    assert members(world) == {("cum-1", "st-vinh-chau"), ("cum-1", "st-tran-de"), ("cum-2", "st-vinh-chau-vinh-hai")}


def test_a_unit_listed_again_moves_to_its_new_cluster(world):
    run(world, [{"ma_cum": "cum-1", "ten_cum": "Cụm 1", "ma_don_vi": "st-vinh-chau"}])
    result = run(world, [{"ma_cum": "cum-2", "ten_cum": "Cụm 2", "ma_don_vi": "st-vinh-chau"}])
    assert result.ok
    assert members(world) == {("cum-2", "st-vinh-chau")}
    assert Cluster.objects.filter(campaign=world.campaign).count() == 2


def test_any_error_writes_nothing_and_names_row_and_column(world):
    result = run(
        world,
        [
            {"ma_cum": "cum-1", "ten_cum": "Cụm 1", "ma_don_vi": "st-vinh-chau"},
            {"ma_cum": "cum-9", "ten_cum": "", "ma_don_vi": "st-tran-de"},
            {"ma_cum": "cum-1", "ten_cum": "", "ma_don_vi": "st-xyz"},
            {"ma_cum": "cum-1", "ten_cum": "", "ma_don_vi": "st-vinh-chau"},
        ],
    )
    assert [str(error) for error in result.errors] == [
        "Dòng 3, cột ten_cum: cần tên cho cụm mới “cum-9”.",
        "Dòng 4, cột ma_don_vi: không có đơn vị mã “st-xyz”.",
        "Dòng 5, cột ma_don_vi: đơn vị “st-vinh-chau” đã được xếp ở dòng 2.",
    ]
    assert not Cluster.objects.exists() and not ClusterMember.objects.exists()


def test_a_file_without_the_columns_is_refused(world):
    with pytest.raises(ImportFileError, match="Thiếu cột bắt buộc: ma_cum"):
        import_clusters(fp=io.BytesIO(b"ten_cum,ma_don_vi\nA,st-tran-de\n"), filename="x.csv", campaign=world.campaign)


def test_only_provincial_administrators_manage_clusters_in_the_admin(world, client):
    url = reverse("admin:initiatives_cluster_import")
    client.force_login(world.users["vinh_chau"])
    assert client.get(url).status_code == 403
    client.force_login(world.users["province"])
    assert client.get(reverse("admin:initiatives_cluster_changelist")).status_code == 200
    data = csv_bytes(
        [{"ma_cum": "cum-1", "ten_cum": "Cụm 1", "ma_don_vi": "st-tran-de"}], columns=("ma_cum", "ten_cum", "ma_don_vi")
    )
    upload = io.BytesIO(data)
    upload.name = "cum.csv"
    response = client.post(url, {"campaign": world.campaign.pk, "file": upload})
    assert "Thêm 1 cụm thi đua, xếp 1 đơn vị vào cụm." in response.content.decode()
    cluster = Cluster.objects.get()
    response = client.post(
        reverse("admin:initiatives_cluster_change", args=[cluster.pk]),
        {
            "campaign": world.campaign.pk,
            "code": "cum-1",
            "name": "Cụm 1",
            "order": 0,
            "members-TOTAL_FORMS": 2,
            "members-INITIAL_FORMS": 0,
            "members-0-unit": world.vinh_chau.pk,
            "members-1-unit": world.vinh_chau.pk,
        },
    )
    assert "được chọn hai lần" in response.content.decode()
