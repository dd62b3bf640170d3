"""Demo content for the news half of the portal (filled in by the news demo work)."""


def seed_news(*, stdout):
    stdout.write("Tin tức mẫu: chưa có.")
