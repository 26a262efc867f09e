"""Packages for tests, made from the shared real ones."""

import zipfile


def with_manifest_addition(source, target, marker, addition):
    """A copy of a real package with `addition` written into its manifest after `marker`."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "imsmanifest.xml":
                text = data.decode()
                assert marker in text
                data = text.replace(marker, marker + addition, 1).encode()
            copy.writestr(info, data)
    return target
