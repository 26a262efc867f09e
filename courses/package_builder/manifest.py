"""imsmanifest.xml for a one-SCO module, in SCORM 1.2 or SCORM 2004 3rd edition."""

from xml.sax.saxutils import escape, quoteattr

from .description import SCORM_12

ITEM_ID, RESOURCE_ID, ORGANIZATION_ID = "item_module", "resource_sco", "organization_default"


def _files(files):
    return "".join(f"\n      <file href={quoteattr(name)}/>" for name in files)


def manifest_12(description, files):
    # SCORM 1.2 CAM 2.3.4: adlcp:masteryscore (0..100) is what the LMS compares score.raw with.
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier={quoteattr("vn.binhdan." + description.identifier)} version="1.0"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="{ORGANIZATION_ID}">
    <organization identifier="{ORGANIZATION_ID}">
      <title>{escape(description.title)}</title>
      <item identifier="{ITEM_ID}" identifierref="{RESOURCE_ID}" isvisible="true">
        <title>{escape(description.title)}</title>
        <adlcp:masteryscore>{description.mastery_score}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="{RESOURCE_ID}" type="webcontent" adlcp:scormtype="sco" href="index.html">{_files(files)}
    </resource>
  </resources>
</manifest>
"""


def manifest_2004(description, files):
    # SCORM 2004 SN 5.1.6/RTE 4.2.22: a primary objective satisfied by measure gives the LMS
    # cmi.scaled_passing_score; the SCO also reports success_status itself.
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier={quoteattr("vn.binhdan." + description.identifier)} version="1"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
    xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 3rd Edition</schemaversion>
  </metadata>
  <organizations default="{ORGANIZATION_ID}">
    <organization identifier="{ORGANIZATION_ID}">
      <title>{escape(description.title)}</title>
      <item identifier="{ITEM_ID}" identifierref="{RESOURCE_ID}">
        <title>{escape(description.title)}</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="passed_quiz" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>{description.passing_score:.2f}</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>
      </item>
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>
    <resource identifier="{RESOURCE_ID}" type="webcontent" adlcp:scormType="sco" href="index.html">{_files(files)}
    </resource>
  </resources>
</manifest>
"""


def manifest_xml(description, files):
    writer = manifest_12 if description.scorm_version == SCORM_12 else manifest_2004
    return writer(description, sorted(files))
