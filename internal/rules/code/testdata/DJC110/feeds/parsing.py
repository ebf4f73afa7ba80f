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


def hardened_parser():
    # every parse of the module is made with a parser built here
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def lenient_parser(recover):
    if recover:
        return etree.XMLParser(recover=True)
    return etree.XMLParser(resolve_entities=False)


def parse_from_factory(data):
    return etree.parse(data, parser=hardened_parser())  # safe: the factory turns entities off


def parse_from_lenient(data):
    return etree.parse(data, parser=lenient_parser(True))  # want "lxml.etree.parse"
