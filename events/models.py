from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from home.blocks import BodyBlock
from home.models import BasePage


class EventIndexPage(BasePage):
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("kennisateliers-overzicht")


class EventPage(BasePage):
    start = models.DateTimeField(_("begin"))
    end = models.DateTimeField(_("einde"))
    body = StreamField(BodyBlock(), verbose_name=_("inhoud"), blank=True)

    search_fields = BasePage.search_fields + [index.SearchField("body"), index.FilterField("start")]
    content_panels = BasePage.content_panels + [FieldPanel("start"), FieldPanel("end"), FieldPanel("body")]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("kennisatelier")
        verbose_name_plural = _("kennisateliers")
