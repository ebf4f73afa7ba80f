from cms.plugin_base import CMSPluginBase
from cms.plugin_pool import plugin_pool

from .forms import TeaserPluginForm
from .models import NoticePluginModel, PlainNotePluginModel, QuotePluginModel, TeaserPluginModel


@plugin_pool.register_plugin
class TeaserPlugin(CMSPluginBase):
    model = TeaserPluginModel
    form = TeaserPluginForm
    render_template = "shop/teaser_plugin.html"


@plugin_pool.register_plugin
class QuotePlugin(CMSPluginBase):
    model = QuotePluginModel
    render_template = "shop/quote_plugin.html"


@plugin_pool.register_plugin
class NoticePlugin(CMSPluginBase):
    model = NoticePluginModel
    render_template = "shop/notice_plugin.html"


@plugin_pool.register_plugin
class PlainNotePlugin(CMSPluginBase):
    model = PlainNotePluginModel
    render_template = "shop/plain_note_plugin.html"
