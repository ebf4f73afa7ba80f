from lxml import etree

SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def parse_items(data):
    root = etree.fromstring(data)  # want "request data \\(request.body\\) is parsed by lxml.etree.fromstring, which resolves XML entities"
    return [el.text for el in root.iter("item")]


def parse_items_safely(data):
    root = etree.fromstring(data, SAFE_PARSER)  # safe: resolve_entities=False
    return [el.text for el in root.iter("item")]


def parse_with(data):
    parser = etree.XMLParser(resolve_entities=True)
    return etree.fromstring(data, parser=parser)  # want "lxml.etree.fromstring"
