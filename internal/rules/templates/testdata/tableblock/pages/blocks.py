from wagtail.contrib.table_block.blocks import TableBlock


class DataTable(TableBlock):
    class Meta:
        template = "pages/blocks/table.html"
