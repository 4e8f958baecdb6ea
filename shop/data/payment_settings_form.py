"""The admin form of a store's payment settings: keys go in, never come back out."""

from django import forms
from django.core.exceptions import ValidationError

from tenancy.forms import SiteSettingForm

from .secrets import can_encrypt, encrypt


def _key_field(label: str, prefix: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=255,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=f"Starts with {prefix}. Stored encrypted; leave empty to keep the saved one.",
    )


class PaymentSettingsForm(SiteSettingForm):
    """Takes a new secret key and webhook secret, encrypts them, and never renders them."""

    secret_key = _key_field("own secret key", "sk_live_ or sk_test_")
    webhook_secret = _key_field("own webhook signing secret", "whsec_")
    forget_own_keys = forms.BooleanField(
        label="Forget my own keys", required=False, help_text="Remove the saved keys."
    )

    def clean_publishable_key(self):
        value = self.cleaned_data.get("publishable_key", "").strip()
        if value and not value.startswith(("pk_live_", "pk_test_")):
            raise ValidationError("A publishable key starts with pk_live_ or pk_test_.")
        return value

    def clean_secret_key(self):
        value = self.cleaned_data.get("secret_key", "")
        if value and not value.startswith(("sk_live_", "sk_test_", "rk_live_", "rk_test_")):
            raise ValidationError("A secret key starts with sk_live_ or sk_test_.")
        return value

    def clean_webhook_secret(self):
        value = self.cleaned_data.get("webhook_secret", "")
        if value and not value.startswith("whsec_"):
            raise ValidationError("A webhook signing secret starts with whsec_.")
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("forget_own_keys"):
            return cleaned
        new_secret, new_hook = cleaned.get("secret_key"), cleaned.get("webhook_secret")
        if (new_secret or new_hook) and not can_encrypt():
            self.add_error("secret_key", "Keys cannot be stored safely on this install yet.")
            return cleaned
        has_secret = bool(new_secret or self.instance.secret_key_encrypted)
        has_hook = bool(new_hook or self.instance.webhook_secret_encrypted)
        publishable = cleaned.get("publishable_key")
        if (has_secret or publishable or new_hook) and not (has_secret and publishable):
            self.add_error(
                "secret_key" if publishable else "publishable_key",
                "Own keys come as a pair: enter the publishable key and the secret key.",
            )
        elif has_secret and not has_hook:
            self.add_error("webhook_secret", "Enter the signing secret of your webhook endpoint.")
        return cleaned

    def save(self, commit=True):
        instance = super().save(commit=False)
        if self.cleaned_data.get("forget_own_keys"):
            instance.publishable_key = ""
            instance.secret_key_encrypted = instance.webhook_secret_encrypted = ""
        else:
            if self.cleaned_data.get("secret_key"):
                instance.secret_key_encrypted = encrypt(self.cleaned_data["secret_key"])
            if self.cleaned_data.get("webhook_secret"):
                instance.webhook_secret_encrypted = encrypt(self.cleaned_data["webhook_secret"])
        if commit:
            instance.save()
        return instance
