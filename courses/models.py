from wagtail.models import Page


class HomePage(Page):
    """The site's landing page: the entry point to the learning catalog."""

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
