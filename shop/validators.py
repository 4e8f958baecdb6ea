"""Validators for what people type where a name or an address is expected."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

# Unicode "Other, control" (Cc) and "Other, format" (Cf): C0/C1 controls, bidi embeddings,
# overrides and isolates (U+202A-U+202E, U+2066-U+2069), zero-width characters (U+200B-U+200F,
# U+2060), the soft hyphen... They are invisible, and bidi overrides reorder what is shown
# after them, so a name in an admin list can read as something else entirely.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf"})


@deconstructible
class NoInvisibleCharactersValidator:
    """Refuses control and format characters, except the whitespace listed in ``allow``.

    Single-line fields (names, address lines) allow none; multi-line text may allow
    ``"\\n\\r\\t"``.
    """

    message = "Remove the invisible control character ({names}): it can disguise the text."
    code = "invisible_characters"

    def __init__(self, allow: str = ""):
        self.allow = allow

    def __call__(self, value):
        found = sorted(
            {
                char
                for char in str(value)
                if char not in self.allow and unicodedata.category(char) in INVISIBLE_CATEGORIES
            }
        )
        if found:
            names = ", ".join(
                f"U+{ord(char):04X} {unicodedata.name(char, 'CONTROL')}" for char in found
            )
            raise ValidationError(self.message.format(names=names), code=self.code)

    def __eq__(self, other):
        return isinstance(other, NoInvisibleCharactersValidator) and self.allow == other.allow


no_invisible_characters = NoInvisibleCharactersValidator()
no_invisible_characters_multiline = NoInvisibleCharactersValidator(allow="\n\r\t")
