"""An independent, deliberately simple reading of a fixture's imsmanifest.xml.

Tests compare what the importer stored with what this reads straight from the
file, so expectations come from the manifests, not from the code under test.
"""

import xml.etree.ElementTree as ElementTree
import zipfile


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _children(element, name):
    return [child for child in element if _local(child.tag) == name]


def read_fixture_manifest(zip_path):
    with zipfile.ZipFile(zip_path) as archive:
        root = ElementTree.fromstring(archive.read("imsmanifest.xml"))
    organizations = _children(root, "organizations")[0]
    resources = {
        resource.get("identifier"): resource
        for resource in _children(_children(root, "resources")[0], "resource")
    }
    default_id = organizations.get("default") or _children(organizations, "organization")[0].get("identifier")
    organization = next(org for org in _children(organizations, "organization") if org.get("identifier") == default_id)
    schemaversion = root.find(".//{*}metadata/{*}schemaversion")

    def launch_of(item):
        ref = item.get("identifierref")
        if not ref:
            return None
        href = resources[ref].get("href")
        parameters = item.get("parameters") or ""
        if parameters and not parameters.startswith(("?", "#")):
            parameters = "?" + parameters
        return href + parameters

    def tree(item):
        return {
            "identifier": item.get("identifier"),
            "title": _children(item, "title")[0].text.strip(),
            "launch": launch_of(item),
            "children": [tree(child) for child in _children(item, "item")],
        }

    items = [tree(item) for item in _children(organization, "item")]

    def launchable(nodes):
        for node in nodes:
            if node["launch"]:
                yield {"identifier": node["identifier"], "launch": node["launch"]}
            yield from launchable(node["children"])

    return {
        "schemaversion": schemaversion.text.strip() if schemaversion is not None else None,
        "title": _children(organization, "title")[0].text.strip(),
        "organization_identifier": default_id,
        "items": items,
        "scos": list(launchable(items)),
    }


def expected_scorm_version(schemaversion):
    return {"1.2": "1.2", "CAM 1.3": "2004 2nd", "2004 3rd Edition": "2004 3rd", "2004 4th Edition": "2004 4th"}[schemaversion]


def strip_tree(items):
    """The item tree without fields the oracle does not read (visibility)."""
    return [
        {"identifier": i["identifier"], "title": i["title"], "launch": i["launch"], "children": strip_tree(i["children"])}
        for i in items
    ]
