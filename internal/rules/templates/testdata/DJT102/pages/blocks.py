from wagtail import blocks


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
