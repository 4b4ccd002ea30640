import type { Connection } from 'vscode-languageserver';
import { mergeConfigs, parseConfig, type AmoConfig, type Locale } from './language-service';

/** The `amo` settings as the client sends them (every field checked where it is used). */
export interface AmoSettings {
  rules?: unknown;
  locale?: string;
  validation?: { delay?: number; scope?: string };
}

/** What the settings need from the server: the client's facts, the host's config lookup, the log. */
export interface SettingsHost {
  connection: Connection;
  findConfig(documentUri: string, root?: string): { config: AmoConfig; error?: string };
  /** The workspace folder holding a document, as a path: where the config lookup stops. */
  folderPathOf(uri: string): string | undefined;
  log(message: string): void;
}

const asSettings = (v: unknown): AmoSettings => (v && typeof v === 'object' ? (v as AmoSettings) : {});

/**
 * The settings and configuration of each document (docs/architecture.md, "From a keystroke to a diagnostic"):
 * the `amo` section, per document when the client supports `workspace/configuration` (cached until
 * `didChangeConfiguration`), else the last pushed settings; the locale; the rule configuration
 * (`amo.config.json` of the document's project, only when the workspace is trusted, merged under `amo.rules`).
 */
export class DocumentSettings {
  /** The client's locale (initialize), used when `amo.locale` is not set. */
  clientLocale: Locale = 'fr';
  /** The client answers `workspace/configuration`. */
  pull = false;
  /** False in an untrusted workspace: its amo.config.json is ignored and code-less directives silence nothing. */
  trusted = true;
  private pushed: AmoSettings = {};
  private readonly cache = new Map<string, Promise<AmoSettings>>();

  constructor(private readonly host: SettingsHost) {}

  /** The `amo` settings of a document. */
  of(uri: string): Promise<AmoSettings> {
    if (!this.pull) return Promise.resolve(this.pushed);
    let s = this.cache.get(uri);
    if (!s) {
      s = this.host.connection.workspace.getConfiguration({ scopeUri: uri, section: 'amo' }).then(asSettings, () => ({}));
      this.cache.set(uri, s);
    }
    return s;
  }

  /** The `amo` settings of the workspace (no document scope): `amo.validation.scope`. */
  workspace(): Promise<AmoSettings> {
    if (!this.pull) return Promise.resolve(this.pushed);
    return this.host.connection.workspace.getConfiguration({ section: 'amo' }).then(asSettings, () => ({}));
  }

  locale(settings: AmoSettings): Locale {
    return settings.locale === 'fr' || settings.locale === 'en' ? settings.locale : this.clientLocale;
  }

  async localeOf(uri: string): Promise<Locale> {
    return this.locale(await this.of(uri));
  }

  /** The effective rule configuration of a document: its project's amo.config.json (trusted only) under `amo.rules`. */
  async config(uri: string, settings?: AmoSettings): Promise<AmoConfig> {
    const s = settings ?? (await this.of(uri));
    const fileConfig = this.trusted ? this.host.findConfig(uri, this.host.folderPathOf(uri)) : { config: {} };
    if (fileConfig.error) this.host.log(`amo.config.json: ${fileConfig.error}`);
    return mergeConfigs(fileConfig.config, parseConfig({ rules: s.rules }).config);
  }

  /** `workspace/didChangeConfiguration`: cached settings dropped; pushed ones kept for a client that cannot be asked. */
  changed(settings: unknown): void {
    this.cache.clear();
    if (!this.pull) this.pushed = asSettings((settings as { amo?: unknown } | undefined)?.amo);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
