from site.config import find_config_file
from site.readers import quick_read

CONTACT_PATH = find_config_file("contact-information.txt")
VISITOR_LOG = find_config_file("visitors.log")


def footer(request):
    return {
        "contact_information": quick_read(CONTACT_PATH),
        "last_visitors": quick_read(VISITOR_LOG),
    }
