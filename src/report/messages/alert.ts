// Messages of the alert area (code -> text from payload). Texts follow pcs 0.11.5's wording.
export const alert = {
  ALERT_ID_WRONG_TYPE: (p: { id: string; type: "alert" | "recipient" }) => `'${p.id}' is not a ${p.type}`,
  CIB_ALERT_RECIPIENT_ALREADY_EXISTS: (p: { alert: string; value: string }) =>
    `Recipient '${p.value}' in alert '${p.alert}' already exists`,
  /** What pcs prints when the CIB manager rejects a pushed CIB (pcs leaves id checks of recipients to the schema). */
  CIB_UPDATE_SCHEMA_INVALID: () => "Unable to update cib\nCall failed: Update does not conform to the configured schema",
  CIB_ALERT_RECIPIENT_VALUE_INVALID: (p: { value: string }) => `Recipient value '${p.value}' is not valid.`,
};
