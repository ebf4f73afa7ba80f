from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock


class HeadingBlock(blocks.StructBlock):
    heading = blocks.CharBlock()
    size = blocks.ChoiceBlock(choices=[("h2", "H2"), ("h3", "H3")])

    class Meta:
        template = "blocks/heading.html"


class NoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    caption = blocks.CharBlock(template="blocks/caption.html")
    note = NoteBlock()


class ScheduleBlock(blocks.StructBlock):
    table = TableBlock()

    class Meta:
        template = "blocks/schedule.html"
