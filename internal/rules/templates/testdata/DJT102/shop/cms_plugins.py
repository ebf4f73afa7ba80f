from cms.plugin_base import CMSPluginBase
from cms.plugin_pool import plugin_pool

from .forms import TeaserPluginForm
from .models import QuotePluginModel, TeaserPluginModel


@plugin_pool.register_plugin
class TeaserPlugin(CMSPluginBase):
    model = TeaserPluginModel
    form = TeaserPluginForm
    render_template = "shop/teaser_plugin.html"


@plugin_pool.register_plugin
class QuotePlugin(CMSPluginBase):
    model = QuotePluginModel
    render_template = "shop/quote_plugin.html"
