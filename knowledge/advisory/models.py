from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from home.blocks import BodyBlock
from home.models import BasePage


class ProposalIndexPage(BasePage):
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["advisory.ProposalPage"]

    class Meta:
        verbose_name = _("adviestafel")


class ProposalPage(BasePage):
    opens_at = models.DateTimeField(_("consultatie opent"), null=True, blank=True)
    closes_at = models.DateTimeField(_("consultatie sluit"), null=True, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("inhoud"), blank=True)

    search_fields = BasePage.search_fields + [index.SearchField("body")]
    content_panels = BasePage.content_panels + [FieldPanel("opens_at"), FieldPanel("closes_at"), FieldPanel("body")]
    parent_page_types = ["advisory.ProposalIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("voorstel")
        verbose_name_plural = _("voorstellen")
