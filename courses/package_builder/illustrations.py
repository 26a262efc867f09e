"""Small flat SVG illustrations drawn by the builder (no stock photos, ~1 KB each).

Each is a 320×180 scene of simple shapes in the module's accent colour; `{a}` is the
accent, `{l}` a light tint of it. They are decorative support for the text: the slide's
`alt` text says what the picture shows.
"""

_BACKGROUND = '<rect width="320" height="180" rx="16" fill="{l}"/>'

_SCENES = {
    "phone": (
        '<rect x="120" y="18" width="80" height="146" rx="12" fill="#fff" stroke="{a}" stroke-width="6"/>'
        '<rect x="132" y="36" width="56" height="96" rx="4" fill="{l}"/>'
        '<circle cx="160" cy="148" r="6" fill="{a}"/>'
        '<rect x="140" y="48" width="40" height="8" rx="4" fill="{a}"/>'
        '<rect x="140" y="64" width="30" height="8" rx="4" fill="{a}" opacity=".6"/>'
        '<rect x="140" y="80" width="36" height="8" rx="4" fill="{a}" opacity=".4"/>'
    ),
    "lock": (
        '<path d="M130 84V64a30 30 0 0 1 60 0v20" fill="none" stroke="{a}" stroke-width="10"/>'
        '<rect x="112" y="82" width="96" height="78" rx="12" fill="{a}"/>'
        '<circle cx="160" cy="114" r="10" fill="#fff"/><rect x="156" y="118" width="8" height="22" rx="3" fill="#fff"/>'
    ),
    "key": (
        '<circle cx="110" cy="90" r="34" fill="none" stroke="{a}" stroke-width="12"/>'
        '<rect x="140" y="84" width="110" height="12" rx="6" fill="{a}"/>'
        '<rect x="214" y="90" width="12" height="30" rx="4" fill="{a}"/><rect x="236" y="90" width="12" height="22" rx="4" fill="{a}"/>'
    ),
    "shield": (
        '<path d="M160 20l62 22v46c0 38-28 62-62 74-34-12-62-36-62-74V42z" fill="{a}"/>'
        '<path d="M132 92l20 20 38-40" fill="none" stroke="#fff" stroke-width="12" stroke-linecap="round" stroke-linejoin="round"/>'
    ),
    "warning": (
        '<path d="M160 22l78 136H82z" fill="#f1c232" stroke="{a}" stroke-width="6" stroke-linejoin="round"/>'
        '<rect x="153" y="66" width="14" height="52" rx="6" fill="{a}"/><circle cx="160" cy="136" r="8" fill="{a}"/>'
    ),
    "id_card": (
        '<rect x="70" y="36" width="180" height="110" rx="12" fill="#fff" stroke="{a}" stroke-width="6"/>'
        '<circle cx="114" cy="84" r="20" fill="{a}"/><rect x="94" y="108" width="40" height="18" rx="9" fill="{a}"/>'
        '<rect x="150" y="66" width="80" height="10" rx="5" fill="{a}"/><rect x="150" y="86" width="64" height="10" rx="5" fill="{a}" opacity=".6"/>'
        '<rect x="150" y="106" width="72" height="10" rx="5" fill="{a}" opacity=".4"/><rect x="70" y="36" width="180" height="16" rx="8" fill="#c00"/>'
    ),
    "portal": (
        '<rect x="50" y="26" width="220" height="130" rx="10" fill="#fff" stroke="{a}" stroke-width="6"/>'
        '<rect x="50" y="26" width="220" height="24" rx="10" fill="{a}"/>'
        '<circle cx="66" cy="38" r="4" fill="#fff"/><circle cx="80" cy="38" r="4" fill="#fff"/>'
        '<rect x="70" y="64" width="80" height="70" rx="6" fill="{l}"/><rect x="164" y="64" width="86" height="10" rx="5" fill="{a}"/>'
        '<rect x="164" y="84" width="70" height="10" rx="5" fill="{a}" opacity=".6"/><rect x="164" y="112" width="60" height="22" rx="11" fill="{a}"/>'
    ),
    "qr": (
        '<rect x="100" y="30" width="120" height="120" rx="8" fill="#fff" stroke="{a}" stroke-width="6"/>'
        '<path d="M114 44h30v30h-30zM176 44h30v30h-30zM114 106h30v30h-30z" fill="{a}"/>'
        '<path d="M122 52h14v14h-14zM184 52h14v14h-14zM122 114h14v14h-14z" fill="#fff"/>'
        '<path d="M154 44h12v12h-12zM154 66h12v24h-12zM176 86h12v12h-12zM196 100h12v12h-12zM160 110h14v14h-14zM184 124h22v12h-22zM154 132h12v6h-12z" fill="{a}"/>'
    ),
    "wallet": (
        '<rect x="76" y="50" width="168" height="104" rx="14" fill="{a}"/>'
        '<rect x="90" y="34" width="130" height="30" rx="8" fill="#fff" stroke="{a}" stroke-width="5"/>'
        '<rect x="190" y="86" width="64" height="40" rx="10" fill="#fff"/><circle cx="212" cy="106" r="8" fill="{a}"/>'
    ),
    "chat": (
        '<path d="M50 40h140a12 12 0 0 1 12 12v50a12 12 0 0 1-12 12h-90l-28 24v-24H50a12 12 0 0 1-12-12V52a12 12 0 0 1 12-12z" fill="{a}"/>'
        '<path d="M150 78h120a12 12 0 0 1 12 12v42a12 12 0 0 1-12 12h-12v22l-26-22h-82a12 12 0 0 1-12-12V90a12 12 0 0 1 12-12z" fill="#fff" stroke="{a}" stroke-width="5"/>'
        '<circle cx="190" cy="112" r="6" fill="{a}"/><circle cx="212" cy="112" r="6" fill="{a}"/><circle cx="234" cy="112" r="6" fill="{a}"/>'
    ),
    "news": (
        '<rect x="70" y="30" width="150" height="124" rx="8" fill="#fff" stroke="{a}" stroke-width="6"/>'
        '<rect x="84" y="46" width="120" height="16" rx="4" fill="{a}"/><rect x="84" y="72" width="50" height="40" rx="4" fill="{l}"/>'
        '<rect x="142" y="74" width="62" height="8" rx="4" fill="{a}" opacity=".5"/><rect x="142" y="92" width="62" height="8" rx="4" fill="{a}" opacity=".5"/>'
        '<rect x="84" y="124" width="120" height="8" rx="4" fill="{a}" opacity=".5"/>'
        '<circle cx="236" cy="122" r="30" fill="#f1c232" stroke="{a}" stroke-width="5"/>'
        '<text x="236" y="136" font-size="40" font-family="sans-serif" font-weight="bold" text-anchor="middle" fill="{a}">?</text>'
    ),
    "privacy": (
        '<path d="M60 90q100-80 200 0q-100 80-200 0z" fill="#fff" stroke="{a}" stroke-width="6"/>'
        '<circle cx="160" cy="90" r="28" fill="{a}"/><circle cx="160" cy="90" r="10" fill="#fff"/>'
        '<path d="M70 160L250 20" stroke="#c00" stroke-width="10" stroke-linecap="round"/>'
    ),
    "robot": (
        '<rect x="150" y="18" width="20" height="22" rx="4" fill="{a}"/><circle cx="160" cy="16" r="8" fill="#f1c232"/>'
        '<rect x="100" y="40" width="120" height="90" rx="20" fill="{a}"/>'
        '<circle cx="134" cy="80" r="14" fill="#fff"/><circle cx="186" cy="80" r="14" fill="#fff"/>'
        '<circle cx="134" cy="80" r="6" fill="{a}"/><circle cx="186" cy="80" r="6" fill="{a}"/>'
        '<rect x="132" y="106" width="56" height="8" rx="4" fill="#fff"/><rect x="120" y="136" width="80" height="30" rx="8" fill="{a}" opacity=".6"/>'
    ),
    "lightbulb": (
        '<path d="M160 22a46 46 0 0 0-26 84v18h52v-18a46 46 0 0 0-26-84z" fill="#f1c232" stroke="{a}" stroke-width="6"/>'
        '<rect x="138" y="132" width="44" height="10" rx="5" fill="{a}"/><rect x="144" y="148" width="32" height="10" rx="5" fill="{a}"/>'
        '<path d="M88 40l18 12M232 40l-18 12M80 90h20M220 90h20" stroke="{a}" stroke-width="6" stroke-linecap="round"/>'
    ),
    "checklist": (
        '<rect x="90" y="20" width="140" height="144" rx="10" fill="#fff" stroke="{a}" stroke-width="6"/>'
        '<path d="M106 50l8 8 14-16M106 90l8 8 14-16M106 130l8 8 14-16" fill="none" stroke="#38761d" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/>'
        '<rect x="140" y="44" width="74" height="10" rx="5" fill="{a}"/><rect x="140" y="84" width="60" height="10" rx="5" fill="{a}"/>'
        '<rect x="140" y="124" width="68" height="10" rx="5" fill="{a}"/>'
    ),
    "people": (
        '<circle cx="110" cy="64" r="22" fill="{a}"/><path d="M70 150a40 40 0 0 1 80 0z" fill="{a}"/>'
        '<circle cx="210" cy="64" r="22" fill="{a}" opacity=".7"/><path d="M170 150a40 40 0 0 1 80 0z" fill="{a}" opacity=".7"/>'
        '<circle cx="160" cy="80" r="18" fill="#f1c232"/><path d="M128 160a32 32 0 0 1 64 0z" fill="#f1c232"/>'
    ),
    "globe": (
        '<circle cx="160" cy="90" r="66" fill="#fff" stroke="{a}" stroke-width="6"/>'
        '<ellipse cx="160" cy="90" rx="28" ry="66" fill="none" stroke="{a}" stroke-width="5"/>'
        '<path d="M94 90h132M104 56h112M104 124h112" stroke="{a}" stroke-width="5"/>'
    ),
    "document": (
        '<path d="M104 20h80l34 34v106H104z" fill="#fff" stroke="{a}" stroke-width="6" stroke-linejoin="round"/>'
        '<path d="M184 20v34h34" fill="{l}" stroke="{a}" stroke-width="6" stroke-linejoin="round"/>'
        '<rect x="120" y="74" width="80" height="9" rx="4" fill="{a}"/><rect x="120" y="94" width="80" height="9" rx="4" fill="{a}" opacity=".6"/>'
        '<rect x="120" y="114" width="56" height="9" rx="4" fill="{a}" opacity=".6"/><circle cx="196" cy="138" r="12" fill="#c00"/>'
    ),
    "heart": (
        '<path d="M160 158s-74-44-74-92a38 38 0 0 1 74-12 38 38 0 0 1 74 12c0 48-74 92-74 92z" fill="{a}"/>'
        '<path d="M124 70a18 18 0 0 1 22-14" stroke="#fff" stroke-width="6" fill="none" stroke-linecap="round"/>'
    ),
    "clock": (
        '<circle cx="160" cy="90" r="66" fill="#fff" stroke="{a}" stroke-width="8"/>'
        '<path d="M160 50v40l28 18" stroke="{a}" stroke-width="8" fill="none" stroke-linecap="round"/>'
        '<circle cx="160" cy="90" r="6" fill="{a}"/>'
    ),
    "family": (
        '<path d="M70 96l90-66 90 66v66H70z" fill="#fff" stroke="{a}" stroke-width="6" stroke-linejoin="round"/>'
        '<circle cx="130" cy="104" r="14" fill="{a}"/><path d="M108 160a22 22 0 0 1 44 0z" fill="{a}"/>'
        '<circle cx="188" cy="112" r="10" fill="#f1c232"/><path d="M172 160a16 16 0 0 1 32 0z" fill="#f1c232"/>'
    ),
    "signal": (
        '<rect x="92" y="120" width="24" height="40" rx="4" fill="{a}"/><rect x="128" y="96" width="24" height="64" rx="4" fill="{a}"/>'
        '<rect x="164" y="70" width="24" height="90" rx="4" fill="{a}" opacity=".5"/><rect x="200" y="40" width="24" height="120" rx="4" fill="{a}" opacity=".3"/>'
    ),
    "search": (
        '<circle cx="142" cy="80" r="46" fill="#fff" stroke="{a}" stroke-width="10"/>'
        '<path d="M176 114l48 48" stroke="{a}" stroke-width="16" stroke-linecap="round"/>'
        '<path d="M120 66a26 26 0 0 1 22-12" stroke="{a}" stroke-width="6" fill="none" stroke-linecap="round"/>'
    ),
    "scales": (
        '<rect x="154" y="30" width="12" height="120" rx="4" fill="{a}"/><rect x="110" y="150" width="100" height="12" rx="6" fill="{a}"/>'
        '<rect x="80" y="40" width="160" height="8" rx="4" fill="{a}"/>'
        '<path d="M92 48l-24 50h48zM228 48l-24 50h48z" fill="none" stroke="{a}" stroke-width="4"/>'
        '<path d="M66 98a26 14 0 0 0 52 0zM202 98a26 14 0 0 0 52 0z" fill="#f1c232"/>'
    ),
}

ILLUSTRATIONS = frozenset(_SCENES)


def _tint(accent):
    """A very light version of the accent colour (mixed 88% with white) for the background."""
    red, green, blue = (int(accent[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * 0.88):02x}" for c in (red, green, blue))


def illustration_svg(name, *, accent="#0b5394"):
    """The SVG document of one illustration, as text."""
    scene = (_BACKGROUND + _SCENES[name]).replace("{a}", accent).replace("{l}", _tint(accent))
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 180" width="320" height="180">{scene}</svg>\n'
