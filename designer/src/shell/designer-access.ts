/** The capabilities the designer serves (the admin API checks each again): reading the metadata, publishing it, editing one's layers. */
const DESIGN_CAPABILITIES = ['metadata.read', 'metadata.publish', 'layers.edit'];

/** Whether the console offers the designer to a user with these capabilities (`viewer.capabilities`). */
export function mayDesign(capabilities: readonly string[] | undefined): boolean {
  return (capabilities ?? []).some((c) => DESIGN_CAPABILITIES.includes(c));
}
