export { createLanguageService, resolveProgrammeUri } from './languageService';
export type { DiagnosticOptions, LanguageService, LanguageServiceInit } from './languageService';
export type { NavigationService, PrepareRenameResult, RenameResult } from './navigation';
export type { CodeActionOptions, EditingService, FormatOptions } from './editing';
export type { CompletionOptions, HoverOptions, LanguageIntelligence } from './languageIntelligence';
export type { AmoConfig, AmoDiagnostic, DocKind, Locale, Severity, SeveritySetting, TextDocumentLike, WorkspaceProvider } from './types';
export { docKindOf } from './types';
export { allCodes, RULES } from './rules/registry';
export { CONFIG_FILE, mergeConfigs, parseConfig } from './config';
