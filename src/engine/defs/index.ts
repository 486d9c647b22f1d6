/**
 * Guest definitions: z/VM user directory, QEMU command line and libvirt domain XML, read into one
 * neutral guest spec, checked, rendered and translated into each other (issue 5).
 */
export type { DefDiagnostic } from './def-diagnostic';
export { formatDiagnostic, hasErrors } from './def-diagnostic';
export { DIRECTORY_RULES, DIRECTXA_EOJ_FAILED, DIRECTXA_EOJ_OK } from './directory/directory-messages';
export { parseDirectory } from './directory/directory-parser';
export { renderDirectoryEntry } from './directory/directory-renderer';
export {
  type CorrespondenceRow,
  correspondence,
  DEF_FORMS,
  type DefinitionViews,
  definitionViews,
  detectForm,
  type GuestView,
  type ParsedDefinition,
  parseDefinition,
  type RenderOptions,
  renderGuest,
  type TranslationResult,
  translateGuest,
} from './guest-definition';
export { parseGuestJson, renderGuestJson, renderGuestsJson } from './guest-json';
export type * from './guest-spec';
export { ITEM_KEYS, specContent, uuidFromName } from './guest-spec';
export { parseDomainXml } from './libvirt/domain-xml-parser';
export { completeDomain, renderDomainXml } from './libvirt/domain-xml-renderer';
export { parseQemuCommandLine } from './qemu/qemu-parser';
export { renderQemuCommandLine } from './qemu/qemu-renderer';
export type { LineMapEntry, RenderedText } from './rendered-text';
export { outputLinesOf } from './rendered-text';
export { translateToDirectory } from './directory-translation';
export { translateToKvm } from './kvm-translation';
export {
  BYTES_PER_UNIT,
  relativeToShares,
  sharesToRelative,
  type TranslationNote,
  VOLUME_IMAGE_DIR,
} from './translation-rules';
