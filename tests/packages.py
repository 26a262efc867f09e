"""Packages for tests, made from the shared real ones."""

import zipfile


def with_manifest(source, target, edit):
    """A copy of a real package whose manifest's text is `edit(text)`."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "imsmanifest.xml":
                data = edit(data.decode()).encode()
            copy.writestr(info, data)
    return target


def with_manifest_addition(source, target, marker, addition):
    """A copy of a real package with `addition` written into its manifest after `marker`."""

    def add(text):
        assert marker in text
        return text.replace(marker, marker + addition, 1)

    return with_manifest(source, target, add)
