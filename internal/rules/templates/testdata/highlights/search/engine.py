from elasticsearch_dsl import FacetedSearch


class ArticleSearch(FacetedSearch):
    index = "articles"
    fields = ["title", "body"]

    # marks the words that matched; the html encoder escapes the text first
    _highlight_options = {
        "encoder": "html",
        "pre_tags": ["<mark>"],
        "post_tags": ["</mark>"],
    }

    def highlight(self, search):
        return search.highlight_options(**self._highlight_options).highlight("title", "body")
