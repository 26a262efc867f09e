"""imsmanifest.xml -> plain dataclasses, for SCORM 1.2 and SCORM 2004 2nd/3rd/4th.

The manifest comes from an untrusted upload: it is size-capped, parsed with
entity resolution, DTD loading and network access off, and any document that
declares XML entities is refused outright (XXE, billion laughs).

Paths. Launch URLs and file paths are relative to the folder that holds
imsmanifest.xml, with the xml:base of <manifest>, <resources> and <resource>
applied. Each xml:base is taken as a folder ("content" means "content/"), as
authors intend. Launch URLs keep the href's own percent-encoding, query and
fragment; file checks use the percent-decoded, NFC-normalised path.

Sequencing (SCORM 2004). Every activity carries its full sequencing definition
with IMS SS defaults filled in, after merging the <imsss:sequencingCollection>
entry named by IDRef with the item's own elements: the item's elements win,
attribute by attribute for attribute-only elements, rule kind by rule kind
(pre/exit/post) for <sequencingRules>, and whole for lists (objectives,
rollup rules, auxiliary resources). This is how ADL's reference LMS applies a
collection: the item's children are appended after the collection's, later
ones overriding earlier ones.
"""

import copy
import unicodedata
import zipfile
from dataclasses import asdict, dataclass, field
from urllib.parse import unquote, urlsplit

from lxml import etree

from scorm_player.errors import PackageRejected, PackageWarning
from scorm_player.sequencing import (  # noqa: F401 - part of this module's API
    ControlMode,
    RuleCondition,
    SequencingRule,
    SequencingRules,
    LimitConditions,
    AuxiliaryResource,
    RollupCondition,
    RollupRule,
    RollupRules,
    ObjectiveMapInfo,
    ExtendedObjectiveMapInfo,
    Objective,
    Objectives,
    RandomizationControls,
    DeliveryControls,
    ConstrainedChoiceConsiderations,
    RollupConsiderations,
    Sequencing,
)
from scorm_player.zipsafety import (
    MANIFEST_NAME,
    SafeEntry,
    find_manifest,
    package_files,
    read_entry_bytes,
)

DEFAULT_MAX_MANIFEST_BYTES = 10 * 1024 * 1024

SCORM_12 = "1.2"
SCORM_2004_2ND = "2004 2nd"
SCORM_2004_3RD = "2004 3rd"
SCORM_2004_4TH = "2004 4th"

# Content packaging namespaces: SCORM 1.2 (IMS CP 1.1.2, under both hosts
# exporters use), SCORM 2004 (IMS CP 1.1.4), and none for hand-made 1.2 packages.
NS_CP_12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
NS_CP_12_IMSGLOBAL = "http://www.imsglobal.org/xsd/imscp_rootv1p1p2"
NS_CP_2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
NS_ADLCP_12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
NS_ADLCP_2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"
NS_IMSSS = "http://www.imsglobal.org/xsd/imsss"
NS_ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
NS_ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
NS_XML = "http://www.w3.org/XML/1998/namespace"

CP_NAMESPACES = {NS_CP_12, NS_CP_12_IMSGLOBAL, NS_CP_2004, None}
ADLCP_NAMESPACES = {NS_ADLCP_12, NS_ADLCP_2004}

# metadata/schemaversion values (CAM: "CAM 1.3" is how 2004 2nd Edition says it).
SCHEMA_VERSIONS = {
    "1.2": SCORM_12,
    "cam 1.3": SCORM_2004_2ND,
    "2004 2nd edition": SCORM_2004_2ND,
    "2004 3rd edition": SCORM_2004_3RD,
    "2004 4th edition": SCORM_2004_4TH,
}

MAX_LISTED_MISSING_FILES = 5


def manifest_parser() -> etree.XMLParser:
    """The only way this module parses XML: nothing external, no entity expansion."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,  # keeps libxml2's depth (256) and text-node size limits
        remove_comments=True,
        remove_pis=True,
    )


# ---------------------------------------------------------------------------
# Content packaging model.


@dataclass
class CompletionThreshold:
    """adlcp:completionThreshold. In 2nd/3rd Edition the element's text is the
    minimum progress measure, which then decides completion, as
    completedByMeasure="true" does in 4th Edition."""

    completed_by_measure: bool = False
    min_progress_measure: float = 1.0
    progress_weight: float = 1.0


@dataclass
class Resource:
    identifier: str
    scorm_type: str  # "sco" or "asset"
    href: str | None  # as written
    base: str  # xml:base of manifest, resources and resource, joined; "" if none
    files: list[str] = field(default_factory=list)  # relative to the manifest's folder
    dependencies: list[str] = field(default_factory=list)
    type: str = "webcontent"


@dataclass
class Item:
    identifier: str
    title: str
    identifierref: str | None = None
    is_visible: bool = True
    parameters: str | None = None
    launch: str | None = None  # URL relative to the manifest's folder, parameters applied
    scorm_type: str | None = None  # of the referenced resource
    children: list["Item"] = field(default_factory=list)
    # SCORM 1.2 (adlcp_rootv1p2)
    mastery_score: float | None = None
    max_time_allowed: str | None = None
    prerequisites: str | None = None
    prerequisites_type: str | None = None
    # Both versions (1.2 spells them in lower case)
    time_limit_action: str | None = None
    data_from_lms: str | None = None
    # SCORM 2004
    completion_threshold: CompletionThreshold | None = None
    hide_lms_ui: list[str] = field(default_factory=list)
    sequencing: Sequencing | None = None


@dataclass
class Organization:
    identifier: str
    title: str
    items: list[Item] = field(default_factory=list)
    sequencing: Sequencing | None = None
    objectives_global_to_system: bool = True
    shared_data_global_to_system: bool = True


@dataclass
class LaunchableItem:
    identifier: str
    title: str
    launch: str
    scorm_type: str
    resource_identifier: str


@dataclass
class Manifest:
    identifier: str
    scorm_version: str  # "1.2" | "2004 2nd" | "2004 3rd" | "2004 4th"
    default_organization: str
    organizations: list[Organization]
    resources: list[Resource]
    warnings: list[PackageWarning] = field(default_factory=list)

    @property
    def organization(self) -> Organization:
        """The organization learners get: the default one."""
        return next(org for org in self.organizations if org.identifier == self.default_organization)

    @property
    def title(self) -> str:
        return self.organization.title or self.identifier

    @property
    def scos(self) -> list[LaunchableItem]:
        """Launchable items of the default organization, in tree order.

        Assets count: an item whose resource is an asset is launched like a
        SCO (it just never talks to the API), and packages such as
        one-page-per-item exports are made of nothing else.
        """
        return [
            LaunchableItem(item.identifier, item.title, item.launch, item.scorm_type, item.identifierref)
            for item in walk_items(self.organization.items)
            if item.launch is not None
        ]

    @property
    def activity_tree(self) -> dict:
        """The default organization as a tree of activities (JSON-serialisable
        dicts): the root is the organization, every node has "children"."""
        root = asdict(self.organization)
        root["children"] = root.pop("items")
        return root

    def to_dict(self) -> dict:
        data = asdict(self)
        data["warnings"] = [warning.to_dict() for warning in self.warnings]
        return data

    def to_json_dict(self) -> dict:
        """What the admin UI and the player's table of contents need."""
        return {
            "identifier": self.identifier,
            "title": self.title,
            "scorm_version": self.scorm_version,
            "default_organization": self.default_organization,
            "organizations": [
                {
                    "identifier": org.identifier,
                    "title": org.title,
                    "items": [_item_summary(item) for item in org.items],
                }
                for org in self.organizations
            ],
            "scos": [
                {"identifier": sco.identifier, "launch": sco.launch, "scorm_type": sco.scorm_type}
                for sco in self.scos
            ],
            "warnings": [warning.to_dict() for warning in self.warnings],
        }


def _item_summary(item: Item) -> dict:
    return {
        "identifier": item.identifier,
        "title": item.title,
        "launch": item.launch,
        "is_visible": item.is_visible,
        "children": [_item_summary(child) for child in item.children],
    }


def walk_items(items: list[Item]):
    """Items and their descendants, depth first, in document order."""
    for item in items:
        yield item
        yield from walk_items(item.children)


# ---------------------------------------------------------------------------
# Entry points.


def parse_manifest_from_zip(
    archive: zipfile.ZipFile,
    entries: list[SafeEntry],
    *,
    max_bytes: int = DEFAULT_MAX_MANIFEST_BYTES,
) -> tuple[str, Manifest]:
    """Find, read and parse the manifest of an inspected zip: (prefix, manifest).

    The prefix ("" or "<folder>/") is where the package's root is in the zip.
    """
    prefix = find_manifest(entries)
    manifest_entry = next(entry for entry in entries if entry.path == prefix + MANIFEST_NAME)
    if manifest_entry.size > max_bytes:
        raise PackageRejected("manifest_too_large", size=manifest_entry.size, limit=max_bytes)
    xml_bytes = read_entry_bytes(archive, manifest_entry, limit=max_bytes)
    manifest = parse_manifest(
        xml_bytes, available_files=package_files(entries, prefix), max_bytes=max_bytes
    )
    return prefix, manifest


def parse_manifest(
    xml_bytes: bytes,
    *,
    available_files: set[str] | None = None,
    max_bytes: int = DEFAULT_MAX_MANIFEST_BYTES,
) -> Manifest:
    """Read imsmanifest.xml, or raise PackageRejected saying what is wrong with it.

    available_files: the package's files relative to the manifest's folder
    (NFC). When given, a missing launch file is an error and other missing
    files are a warning.
    """
    if len(xml_bytes) > max_bytes:
        raise PackageRejected("manifest_too_large", size=len(xml_bytes), limit=max_bytes)
    root = _parse_xml(xml_bytes)
    return _ManifestReader(root, available_files).read()


def _parse_xml(xml_bytes: bytes) -> etree._Element:
    if _declares_entities(xml_bytes):
        raise PackageRejected("unsafe_manifest")
    try:
        root = etree.fromstring(xml_bytes, manifest_parser())
    except etree.XMLSyntaxError as error:
        raise PackageRejected("malformed_manifest", detail=str(error)) from error
    internal_dtd = root.getroottree().docinfo.internalDTD
    if internal_dtd is not None and any(True for _ in internal_dtd.iterentities()):
        raise PackageRejected("unsafe_manifest")
    if _local_name(root) != "manifest" or _namespace(root) not in CP_NAMESPACES:
        raise PackageRejected("not_a_manifest")
    return root


def _declares_entities(xml_bytes: bytes) -> bool:
    # Checked before parsing, so that an entity bomb is never handed to
    # libxml2 at all; the DTD check after parsing catches other encodings.
    head = xml_bytes[:2]
    if head in (b"\xff\xfe", b"\xfe\xff"):
        return "<!ENTITY" in xml_bytes.decode("utf-16", errors="replace")
    return b"<!ENTITY" in xml_bytes


# ---------------------------------------------------------------------------
# XML helpers.


def _local_name(element) -> str:
    return etree.QName(element).localname


def _namespace(element) -> str | None:
    return etree.QName(element).namespace


def _children(element, namespaces, name: str) -> list:
    return [
        child
        for child in element
        if isinstance(child.tag, str) and _local_name(child) == name and _namespace(child) in namespaces
    ]


def _child(element, namespaces, name: str):
    found = _children(element, namespaces, name)
    return found[0] if found else None


def _text(element) -> str | None:
    if element is None or element.text is None:
        return None
    return element.text.strip()


def _title(element) -> str:
    # NFC, like every other text shown to learners (macOS tools write NFD).
    return unicodedata.normalize("NFC", _text(_child(element, CP_NAMESPACES, "title")) or "")


def _attribute(element, name: str, namespaces=(None,)) -> str | None:
    for namespace in namespaces:
        value = element.get(name if namespace is None else f"{{{namespace}}}{name}")
        if value is not None:
            return value.strip()
    return None


# ---------------------------------------------------------------------------
# URL helpers.


def _join_base(*bases_then_href: str | None) -> str:
    """Concatenate xml:base values (each taken as a folder) and an href."""
    *bases, href = bases_then_href
    joined = "".join(base if base.endswith("/") else base + "/" for base in bases if base)
    return joined + (href or "")


def _tidy_relative_url(url: str) -> str:
    """Drop "./" and empty path segments, keeping query and fragment as written."""
    path, mark, rest = _split_path(url)
    parts = [part for part in path.split("/") if part not in ("", ".")]
    return "/".join(parts) + mark + rest


def _split_path(url: str) -> tuple[str, str, str]:
    """("path", "?" or "#" or "", "what follows")."""
    cut = min((index for index in (url.find("?"), url.find("#")) if index >= 0), default=len(url))
    return url[:cut], url[cut : cut + 1], url[cut + 1 :]


def _url_problem(url: str) -> str | None:
    """None for a safe package-relative URL, else the rejection code."""
    if _has_control_character(url) or "\\" in url:
        return "unsafe_launch_url"
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. a malformed "[IPv6]" host
        return "unsafe_launch_url"
    if parts.scheme in ("http", "https") or parts.netloc or url.startswith("//"):
        return "external_launch_url"
    if parts.scheme:
        return "unsafe_launch_url"  # javascript:, data:, file:, and C: drive letters
    path = unquote(_split_path(url)[0])
    if path.startswith("/") or "\\" in path or _has_control_character(path) or ".." in path.split("/"):
        return "unsafe_launch_url"
    return None


def _has_control_character(text: str) -> bool:
    return any(ord(char) < 0x20 or ord(char) == 0x7F for char in text)


def file_path_of(url: str) -> str:
    """The package file a relative URL points at: percent-decoded, NFC."""
    return unicodedata.normalize("NFC", unquote(_split_path(url)[0]))


def join_parameters(url: str, parameters: str | None) -> str:
    """Append an item's parameters to its resource's URL.

    IMS CP Best Practice / SCORM CAM 2004 "launch URL with parameters": leading
    "?" and "&" of the parameters are ignored; parameters starting with "#"
    are appended only when the URL has no fragment; otherwise they join the
    query with "&" if the URL has one, "?" if not. The query goes before any
    fragment the URL already has, where browsers look for it.
    """
    parameters = (parameters or "").lstrip("?&")
    if not parameters:
        return url
    if parameters.startswith("#"):
        return url if "#" in url else url + parameters
    before_fragment, hash_mark, fragment = url.partition("#")
    added_query, parameter_hash, parameter_fragment = parameters.partition("#")
    separator = "&" if "?" in before_fragment else "?"
    if not hash_mark and parameter_hash:
        hash_mark, fragment = parameter_hash, parameter_fragment
    return f"{before_fragment}{separator}{added_query}{hash_mark}{fragment}"


# ---------------------------------------------------------------------------
# Typed attribute reading.


def _boolean(value: str) -> bool:
    # xs:boolean
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    raise ValueError(value)


def _non_negative_int(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


def _decimal(value: str) -> float:
    return float(value)


# (xml attribute, dataclass field, parser) for attribute-only elements.
CONTROL_MODE_ATTRIBUTES = [
    ("choice", "choice", _boolean),
    ("choiceExit", "choice_exit", _boolean),
    ("flow", "flow", _boolean),
    ("forwardOnly", "forward_only", _boolean),
    ("useCurrentAttemptObjectiveInfo", "use_current_attempt_objective_info", _boolean),
    ("useCurrentAttemptProgressInfo", "use_current_attempt_progress_info", _boolean),
]
LIMIT_CONDITIONS_ATTRIBUTES = [
    ("attemptLimit", "attempt_limit", _non_negative_int),
    ("attemptAbsoluteDurationLimit", "attempt_absolute_duration_limit", str),
]
RANDOMIZATION_ATTRIBUTES = [
    ("randomizationTiming", "randomization_timing", str),
    ("selectCount", "select_count", _non_negative_int),
    ("reorderChildren", "reorder_children", _boolean),
    ("selectionTiming", "selection_timing", str),
]
DELIVERY_ATTRIBUTES = [
    ("tracked", "tracked", _boolean),
    ("completionSetByContent", "completion_set_by_content", _boolean),
    ("objectiveSetByContent", "objective_set_by_content", _boolean),
]
CONSTRAINED_CHOICE_ATTRIBUTES = [
    ("preventActivation", "prevent_activation", _boolean),
    ("constrainChoice", "constrain_choice", _boolean),
]
ROLLUP_CONSIDERATIONS_ATTRIBUTES = [
    ("requiredForSatisfied", "required_for_satisfied", str),
    ("requiredForNotSatisfied", "required_for_not_satisfied", str),
    ("requiredForCompleted", "required_for_completed", str),
    ("requiredForIncomplete", "required_for_incomplete", str),
    ("measureSatisfactionIfActive", "measure_satisfaction_if_active", _boolean),
]
ROLLUP_RULES_ATTRIBUTES = [
    ("rollupObjectiveSatisfied", "rollup_objective_satisfied", _boolean),
    ("rollupProgressCompletion", "rollup_progress_completion", _boolean),
    ("objectiveMeasureWeight", "objective_measure_weight", _decimal),
]
ROLLUP_RULE_ATTRIBUTES = [
    ("childActivitySet", "child_activity_set", str),
    ("minimumCount", "minimum_count", _non_negative_int),
    ("minimumPercent", "minimum_percent", _decimal),
]
RULE_CONDITION_ATTRIBUTES = [
    ("condition", "condition", str),
    ("operator", "operator", str),
    ("referencedObjective", "referenced_objective", str),
    ("measureThreshold", "measure_threshold", _decimal),
]
ROLLUP_CONDITION_ATTRIBUTES = [
    ("condition", "condition", str),
    ("operator", "operator", str),
]
MAP_INFO_ATTRIBUTES = [
    ("targetObjectiveID", "target_objective_id", str),
    ("readSatisfiedStatus", "read_satisfied_status", _boolean),
    ("readNormalizedMeasure", "read_normalized_measure", _boolean),
    ("writeSatisfiedStatus", "write_satisfied_status", _boolean),
    ("writeNormalizedMeasure", "write_normalized_measure", _boolean),
]
EXTENDED_MAP_INFO_ATTRIBUTES = [("targetObjectiveID", "target_objective_id", str)] + [
    (f"{verb}{Name}", f"{verb}_{name}", _boolean)
    for verb in ("read", "write")
    for Name, name in (
        ("RawScore", "raw_score"),
        ("MinScore", "min_score"),
        ("MaxScore", "max_score"),
        ("CompletionStatus", "completion_status"),
        ("ProgressMeasure", "progress_measure"),
    )
]
COMPLETION_THRESHOLD_ATTRIBUTES = [
    ("completedByMeasure", "completed_by_measure", _boolean),
    ("minProgressMeasure", "min_progress_measure", _decimal),
    ("progressWeight", "progress_weight", _decimal),
]

RULE_KINDS = {"preConditionRule": "pre", "exitConditionRule": "exit", "postConditionRule": "post"}

# Elements whose attributes merge one by one when an item overrides a collection.
ATTRIBUTE_ELEMENTS = {
    "controlMode": ("control_mode", CONTROL_MODE_ATTRIBUTES),
    "limitConditions": ("limit_conditions", LIMIT_CONDITIONS_ATTRIBUTES),
    "randomizationControls": ("randomization_controls", RANDOMIZATION_ATTRIBUTES),
    "deliveryControls": ("delivery_controls", DELIVERY_ATTRIBUTES),
}
ADLSEQ_ATTRIBUTE_ELEMENTS = {
    "constrainedChoiceConsiderations": ("constrained_choice_considerations", CONSTRAINED_CHOICE_ATTRIBUTES),
    "rollupConsiderations": ("rollup_considerations", ROLLUP_CONSIDERATIONS_ATTRIBUTES),
}


# ---------------------------------------------------------------------------
# The reader.


class _ManifestReader:
    def __init__(self, root, available_files: set[str] | None):
        self.root = root
        self.available_files = (
            None
            if available_files is None
            else {unicodedata.normalize("NFC", path) for path in available_files}
        )
        self.warnings: list[PackageWarning] = []
        self.item_identifiers: set[str] = set()

    def warn(self, code: str, **params) -> None:
        self.warnings.append(PackageWarning(code, params))

    def read(self) -> Manifest:
        identifier = _attribute(self.root, "identifier")
        if not identifier:
            self.warn("missing_manifest_identifier")
        self.version = self.read_version()
        self.is_2004 = self.version != SCORM_12
        self.resources = self.read_resources()
        self.collection = self.read_sequencing_collection()
        organizations, default_identifier = self.read_organizations()
        self.check_files()
        manifest = Manifest(
            identifier=identifier or "",
            scorm_version=self.version,
            default_organization=default_identifier,
            organizations=organizations,
            resources=list(self.resources.values()),
            warnings=self.warnings,
        )
        if not manifest.scos:
            raise PackageRejected("nothing_to_launch")
        return manifest

    # -- version ------------------------------------------------------------

    def read_version(self) -> str:
        metadata = _child(self.root, CP_NAMESPACES, "metadata")
        declared = _text(_child(metadata, CP_NAMESPACES, "schemaversion")) if metadata is not None else None
        version = SCHEMA_VERSIONS.get(" ".join((declared or "").lower().split()))
        if version:
            return version
        version = self.version_from_namespaces()
        self.warn("version_guessed", declared=declared or "", version=version)
        return version

    def version_from_namespaces(self) -> str:
        namespaces = {_namespace(element) for element in self.root.iter() if isinstance(element.tag, str)}
        for element in self.root.iter():
            if isinstance(element.tag, str):
                namespaces.update(etree.QName(name).namespace for name in element.attrib)
        if namespaces & {NS_CP_12, NS_CP_12_IMSGLOBAL, NS_ADLCP_12}:
            return SCORM_12
        if not namespaces & {NS_CP_2004, NS_ADLCP_2004, NS_IMSSS, NS_ADLSEQ, NS_ADLNAV}:
            return SCORM_12  # no namespace at all: hand-made, old-style packages
        if self.has_4th_edition_markup():
            return SCORM_2004_4TH
        return SCORM_2004_3RD

    def has_4th_edition_markup(self) -> bool:
        for element in self.root.iter(f"{{{NS_ADLCP_2004}}}completionThreshold"):
            if element.attrib:
                return True
        return any(True for _ in self.root.iter(f"{{{NS_ADLSEQ}}}objectives", f"{{{NS_ADLCP_2004}}}data"))

    # -- resources ----------------------------------------------------------

    def read_resources(self) -> dict[str, Resource]:
        manifest_base = _attribute(self.root, "base", (NS_XML,))
        resources_element = _child(self.root, CP_NAMESPACES, "resources")
        resources: dict[str, Resource] = {}
        if resources_element is None:
            return resources
        resources_base = _attribute(resources_element, "base", (NS_XML,))
        for element in _children(resources_element, CP_NAMESPACES, "resource"):
            identifier = _attribute(element, "identifier")
            if not identifier:
                raise PackageRejected("missing_identifier", element="resource")
            if identifier in resources:
                raise PackageRejected("duplicate_identifier", identifier=identifier)
            scorm_type = (
                _attribute(element, "scormType", ADLCP_NAMESPACES)
                or _attribute(element, "scormtype", ADLCP_NAMESPACES)
                or "asset"
            ).lower()
            href = _attribute(element, "href") or None
            if scorm_type == "sco" and href is None:
                raise PackageRejected("missing_launch", resource=identifier)
            base = _join_base(manifest_base, resources_base, _attribute(element, "base", (NS_XML,)), "")
            resources[identifier] = Resource(
                identifier=identifier,
                scorm_type=scorm_type,
                href=href,
                base=base,
                files=self.read_files(element, base),
                dependencies=[
                    ref
                    for dependency in _children(element, CP_NAMESPACES, "dependency")
                    if (ref := _attribute(dependency, "identifierref"))
                ],
                type=_attribute(element, "type") or "webcontent",
            )
        for resource in resources.values():
            for dependency in resource.dependencies:
                if dependency not in resources:
                    self.warn("unknown_dependency", resource=resource.identifier, dependency=dependency)
        return resources

    def read_files(self, resource_element, base: str) -> list[str]:
        paths = []
        for file_element in _children(resource_element, CP_NAMESPACES, "file"):
            href = _attribute(file_element, "href")
            if not href:
                continue
            url = _tidy_relative_url(_join_base(base, href))
            if _url_problem(url):
                self.warn("unsafe_file_reference", path=href)
                continue
            paths.append(file_path_of(url))
        return paths

    def check_files(self) -> None:
        if self.available_files is None:
            return
        missing = sorted(
            {
                path
                for resource in self.resources.values()
                for path in resource.files
                if path not in self.available_files
            }
        )
        if missing:
            self.warn(
                "missing_files",
                count=len(missing),
                names=", ".join(missing[:MAX_LISTED_MISSING_FILES]),
            )

    # -- organizations and items ---------------------------------------------

    def read_organizations(self) -> tuple[list[Organization], str]:
        container = _child(self.root, CP_NAMESPACES, "organizations")
        elements = _children(container, CP_NAMESPACES, "organization") if container is not None else []
        if not elements:
            raise PackageRejected("no_organizations")
        organizations = [self.read_organization(element) for element in elements]
        default_identifier = _attribute(container, "default")
        identifiers = [org.identifier for org in organizations]
        if default_identifier not in identifiers:
            if default_identifier:
                self.warn("default_organization_missing", identifier=default_identifier)
            default_identifier = identifiers[0]
        return organizations, default_identifier

    def read_organization(self, element) -> Organization:
        identifier = _attribute(element, "identifier")
        if not identifier:
            raise PackageRejected("missing_identifier", element="organization")
        self.claim_item_identifier(identifier)
        return Organization(
            identifier=identifier,
            title=_title(element),
            items=[self.read_item(child) for child in _children(element, CP_NAMESPACES, "item")],
            sequencing=self.read_item_sequencing(element, identifier),
            objectives_global_to_system=self.read_flag(element, "objectivesGlobalToSystem", (NS_ADLSEQ,)),
            shared_data_global_to_system=self.read_flag(element, "sharedDataGlobalToSystem", (NS_ADLCP_2004,)),
        )

    def claim_item_identifier(self, identifier: str) -> None:
        if identifier in self.item_identifiers:
            raise PackageRejected("duplicate_identifier", identifier=identifier)
        self.item_identifiers.add(identifier)

    def read_flag(self, element, name: str, namespaces) -> bool:
        value = _attribute(element, name, namespaces)
        if value is None:
            return True
        return self.parse_value(value, _boolean, name, element, default=True)

    def read_item(self, element) -> Item:
        identifier = _attribute(element, "identifier")
        if not identifier:
            raise PackageRejected("missing_identifier", element="item")
        self.claim_item_identifier(identifier)
        item = Item(
            identifier=identifier,
            title=_title(element) or identifier,
            identifierref=_attribute(element, "identifierref") or None,
            is_visible=self.read_flag(element, "isvisible", (None,)),
            parameters=_attribute(element, "parameters") or None,
        )
        if item.identifierref is not None:
            self.resolve_launch(item)
        if self.is_2004:
            self.read_2004_item_data(element, item)
        else:
            self.read_12_item_data(element, item)
        item.children = [self.read_item(child) for child in _children(element, CP_NAMESPACES, "item")]
        return item

    def resolve_launch(self, item: Item) -> None:
        resource = self.resources.get(item.identifierref)
        if resource is None:
            raise PackageRejected("unknown_resource", item=item.identifier, resource=item.identifierref)
        if resource.href is None:
            raise PackageRejected("missing_launch", resource=resource.identifier)
        url = _join_base(resource.base, resource.href)
        problem = _url_problem(url)
        if problem:
            raise PackageRejected(problem, resource=resource.identifier, url=url)
        url = _tidy_relative_url(url)
        launch_path = file_path_of(url)
        if self.available_files is not None and not (
            launch_path in self.available_files or _split_path(url)[0] in self.available_files
        ):
            raise PackageRejected("launch_file_missing", path=launch_path, resource=resource.identifier)
        item.launch = join_parameters(url, item.parameters)
        item.scorm_type = resource.scorm_type

    def read_12_item_data(self, element, item: Item) -> None:
        mastery_score = _text(_child(element, {NS_ADLCP_12}, "masteryscore"))
        if mastery_score:
            item.mastery_score = self.parse_value(mastery_score, _decimal, "masteryscore", element)
        item.max_time_allowed = _text(_child(element, {NS_ADLCP_12}, "maxtimeallowed")) or None
        item.time_limit_action = _text(_child(element, {NS_ADLCP_12}, "timelimitaction")) or None
        item.data_from_lms = _text(_child(element, {NS_ADLCP_12}, "datafromlms")) or None
        prerequisites = _child(element, {NS_ADLCP_12}, "prerequisites")
        if prerequisites is not None:
            item.prerequisites = _text(prerequisites) or None
            item.prerequisites_type = _attribute(prerequisites, "type")

    def read_2004_item_data(self, element, item: Item) -> None:
        threshold = _child(element, {NS_ADLCP_2004}, "completionThreshold")
        if threshold is not None:
            item.completion_threshold = self.read_completion_threshold(threshold)
        item.data_from_lms = _text(_child(element, {NS_ADLCP_2004}, "dataFromLMS")) or None
        item.time_limit_action = _text(_child(element, {NS_ADLCP_2004}, "timeLimitAction")) or None
        presentation = _child(element, {NS_ADLNAV}, "presentation")
        interface = _child(presentation, {NS_ADLNAV}, "navigationInterface") if presentation is not None else None
        if interface is not None:
            item.hide_lms_ui = [
                text for hide in _children(interface, {NS_ADLNAV}, "hideLMSUI") if (text := _text(hide))
            ]
        item.sequencing = self.read_item_sequencing(element, item.identifier)

    def read_completion_threshold(self, element) -> CompletionThreshold:
        values = self.read_attributes(element, COMPLETION_THRESHOLD_ATTRIBUTES)
        text = _text(element)
        if text and "min_progress_measure" not in values:
            minimum = self.parse_value(text, _decimal, "completionThreshold", element)
            if minimum is not None:
                values.update(completed_by_measure=True, min_progress_measure=minimum)
        return CompletionThreshold(**values)

    # -- sequencing ---------------------------------------------------------

    def read_sequencing_collection(self) -> dict[str, dict]:
        collection = _child(self.root, {NS_IMSSS}, "sequencingCollection")
        if collection is None:
            return {}
        return {
            identifier: self.read_sequencing_elements(element)
            for element in _children(collection, {NS_IMSSS}, "sequencing")
            if (identifier := _attribute(element, "ID"))
        }

    def read_item_sequencing(self, element, item_identifier: str) -> Sequencing | None:
        if not self.is_2004:
            return None
        sequencing = _child(element, {NS_IMSSS}, "sequencing")
        if sequencing is None:
            return Sequencing()
        declared = {}
        collection_id = _attribute(sequencing, "IDRef")
        if collection_id:
            if collection_id in self.collection:
                declared = copy.deepcopy(self.collection[collection_id])
            else:
                self.warn("unknown_sequencing_collection", item=item_identifier, collection=collection_id)
        _override(declared, self.read_sequencing_elements(sequencing))
        return _effective_sequencing(declared, collection_id)

    def read_sequencing_elements(self, sequencing) -> dict:
        """Only what the element declares, keyed like Sequencing's fields."""
        declared: dict = {}
        for child in sequencing:
            if not isinstance(child.tag, str):
                continue
            namespace, name = _namespace(child), _local_name(child)
            if namespace == NS_IMSSS and name in ATTRIBUTE_ELEMENTS:
                key, attributes = ATTRIBUTE_ELEMENTS[name]
                declared[key] = self.read_attributes(child, attributes)
            elif namespace == NS_ADLSEQ and name in ADLSEQ_ATTRIBUTE_ELEMENTS:
                key, attributes = ADLSEQ_ATTRIBUTE_ELEMENTS[name]
                declared[key] = self.read_attributes(child, attributes)
            elif namespace == NS_IMSSS and name == "sequencingRules":
                declared["sequencing_rules"] = self.read_sequencing_rules(child)
            elif namespace == NS_IMSSS and name == "rollupRules":
                declared["rollup_rules"] = self.read_rollup_rules(child)
            elif namespace == NS_IMSSS and name == "objectives":
                declared["objectives"] = self.read_objectives(child)
            elif namespace == NS_ADLSEQ and name == "objectives":
                declared["extended_map_info"] = self.read_extended_objectives(child)
            elif namespace == NS_IMSSS and name == "auxiliaryResources":
                declared["auxiliary_resources"] = [
                    {
                        "auxiliary_resource_id": _attribute(resource, "auxiliaryResourceID") or "",
                        "purpose": _attribute(resource, "purpose") or "",
                    }
                    for resource in _children(child, {NS_IMSSS}, "auxiliaryResource")
                ]
        return declared

    def read_sequencing_rules(self, element) -> dict:
        rules: dict[str, list] = {}
        for rule_element in element:
            if not isinstance(rule_element.tag, str) or _local_name(rule_element) not in RULE_KINDS:
                continue
            conditions = _child(rule_element, {NS_IMSSS}, "ruleConditions")
            action = _child(rule_element, {NS_IMSSS}, "ruleAction")
            rule = {
                "action": _attribute(action, "action") if action is not None else "",
                "conditions": [
                    self.read_attributes(condition, RULE_CONDITION_ATTRIBUTES)
                    for condition in (
                        _children(conditions, {NS_IMSSS}, "ruleCondition") if conditions is not None else []
                    )
                ],
            }
            if conditions is not None and _attribute(conditions, "conditionCombination"):
                rule["condition_combination"] = _attribute(conditions, "conditionCombination")
            rules.setdefault(RULE_KINDS[_local_name(rule_element)], []).append(rule)
        return rules

    def read_rollup_rules(self, element) -> dict:
        declared = self.read_attributes(element, ROLLUP_RULES_ATTRIBUTES)
        rules = []
        for rule_element in _children(element, {NS_IMSSS}, "rollupRule"):
            rule = self.read_attributes(rule_element, ROLLUP_RULE_ATTRIBUTES)
            conditions = _child(rule_element, {NS_IMSSS}, "rollupConditions")
            action = _child(rule_element, {NS_IMSSS}, "rollupAction")
            rule["action"] = _attribute(action, "action") if action is not None else ""
            rule["conditions"] = [
                self.read_attributes(condition, ROLLUP_CONDITION_ATTRIBUTES)
                for condition in (
                    _children(conditions, {NS_IMSSS}, "rollupCondition") if conditions is not None else []
                )
            ]
            if conditions is not None and _attribute(conditions, "conditionCombination"):
                rule["condition_combination"] = _attribute(conditions, "conditionCombination")
            rules.append(rule)
        if rules:
            declared["rules"] = rules
        return declared

    def read_objectives(self, element) -> dict:
        primary = _child(element, {NS_IMSSS}, "primaryObjective")
        return {
            "primary": self.read_objective(primary) if primary is not None else None,
            "others": [self.read_objective(other) for other in _children(element, {NS_IMSSS}, "objective")],
        }

    def read_objective(self, element) -> dict:
        objective = {
            "objective_id": _attribute(element, "objectiveID"),
            "map_info": [
                self.read_attributes(map_info, MAP_INFO_ATTRIBUTES)
                for map_info in _children(element, {NS_IMSSS}, "mapInfo")
            ],
        }
        satisfied_by_measure = _attribute(element, "satisfiedByMeasure")
        if satisfied_by_measure is not None:
            value = self.parse_value(satisfied_by_measure, _boolean, "satisfiedByMeasure", element)
            if value is not None:
                objective["satisfied_by_measure"] = value
        minimum = _text(_child(element, {NS_IMSSS}, "minNormalizedMeasure"))
        if minimum:
            value = self.parse_value(minimum, _decimal, "minNormalizedMeasure", element)
            if value is not None:
                objective["min_normalized_measure"] = value
        return objective

    def read_extended_objectives(self, element) -> dict[str, list]:
        """adlseq:objectives: objectiveID -> its adlseq:mapInfo list."""
        return {
            _attribute(objective, "objectiveID") or "": [
                self.read_attributes(map_info, EXTENDED_MAP_INFO_ATTRIBUTES)
                for map_info in _children(objective, {NS_ADLSEQ}, "mapInfo")
            ]
            for objective in _children(element, {NS_ADLSEQ}, "objective")
        }

    def read_attributes(self, element, attributes) -> dict:
        values = {}
        for xml_name, key, parse in attributes:
            raw = element.get(xml_name)
            if raw is None:
                continue
            value = self.parse_value(raw.strip(), parse, xml_name, element)
            if value is not None:
                values[key] = value
        return values

    def parse_value(self, raw: str, parse, name: str, element, default=None):
        try:
            return parse(raw)
        except ValueError:
            self.warn("invalid_value", attribute=name, value=raw, element=_local_name(element))
            return default


def _override(declared: dict, local: dict) -> None:
    """Apply an item's own sequencing elements over its collection's."""
    for key, value in local.items():
        if key == "sequencing_rules" and key in declared:
            declared[key].update(value)
        elif key == "rollup_rules" and key in declared:
            declared[key].update(value)
        elif key in ("objectives", "auxiliary_resources", "extended_map_info"):
            declared[key] = value
        elif isinstance(value, dict) and key in declared:
            declared[key].update(value)
        else:
            declared[key] = value


def _effective_sequencing(declared: dict, collection_id: str | None) -> Sequencing:
    rules = declared.get("sequencing_rules", {})
    rollup = dict(declared.get("rollup_rules", {}))
    rollup_rules = [
        RollupRule(
            **{key: value for key, value in rule.items() if key != "conditions"},
            conditions=[RollupCondition(**condition) for condition in rule["conditions"] if "condition" in condition],
        )
        for rule in rollup.pop("rules", [])
    ]
    objectives = declared.get("objectives", {"primary": None, "others": []})
    extended = declared.get("extended_map_info", {})
    return Sequencing(
        control_mode=ControlMode(**declared.get("control_mode", {})),
        sequencing_rules=SequencingRules(
            **{kind: [_sequencing_rule(rule) for rule in rules.get(kind, [])] for kind in ("pre", "exit", "post")}
        ),
        limit_conditions=LimitConditions(**declared.get("limit_conditions", {})),
        auxiliary_resources=[AuxiliaryResource(**resource) for resource in declared.get("auxiliary_resources", [])],
        rollup_rules=RollupRules(**rollup, rules=rollup_rules),
        objectives=Objectives(
            primary=_objective(objectives["primary"], extended) if objectives["primary"] else None,
            others=[_objective(other, extended) for other in objectives["others"]],
        ),
        randomization_controls=RandomizationControls(**declared.get("randomization_controls", {})),
        delivery_controls=DeliveryControls(**declared.get("delivery_controls", {})),
        constrained_choice_considerations=ConstrainedChoiceConsiderations(
            **declared.get("constrained_choice_considerations", {})
        ),
        rollup_considerations=RollupConsiderations(**declared.get("rollup_considerations", {})),
        collection_id=collection_id,
    )


def _sequencing_rule(rule: dict) -> SequencingRule:
    return SequencingRule(
        action=rule["action"],
        condition_combination=rule.get("condition_combination", "all"),
        conditions=[RuleCondition(**condition) for condition in rule["conditions"] if "condition" in condition],
    )


def _objective(objective: dict, extended: dict[str, list]) -> Objective:
    return Objective(
        **{key: value for key, value in objective.items() if key != "map_info"},
        map_info=[
            ObjectiveMapInfo(**map_info) for map_info in objective["map_info"] if "target_objective_id" in map_info
        ],
        extended_map_info=[
            ExtendedObjectiveMapInfo(**map_info)
            for map_info in extended.get(objective["objective_id"] or "", [])
            if "target_objective_id" in map_info
        ],
    )
