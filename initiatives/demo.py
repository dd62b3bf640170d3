"""Demo data for the initiatives campaigns (filled in by the initiatives demo work)."""


def seed_initiatives(*, stdout):
    stdout.write("Sáng kiến mẫu: chưa có.")
