from fluent_contents.extensions import ContentPlugin, plugin_pool

from .models import BannerTextItem, GuestbookItem


@plugin_pool.register
class BannerTextPlugin(ContentPlugin):
    model = BannerTextItem
    render_template = "shop/banner_text_plugin.html"


@plugin_pool.register
class GuestbookPlugin(ContentPlugin):
    model = GuestbookItem
    render_template = "shop/guestbook_plugin.html"
