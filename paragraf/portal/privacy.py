"""Personal data masking lives in `paragraf.records.privacy` (the portal, the API and the export share it)."""
from paragraf.records.privacy import EMAIL_RE, PERSONAL_NUMBER_RE, PHONE_RE, mask_personal_data

__all__ = ["EMAIL_RE", "PERSONAL_NUMBER_RE", "PHONE_RE", "mask_personal_data"]
