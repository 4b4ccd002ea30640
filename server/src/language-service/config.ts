import type { AmoConfig, Msg, SeveritySetting } from './types';

const SEVERITIES = new Set<SeveritySetting>(['error', 'warning', 'information', 'hint', 'off']);

/** The file name of the workspace rule configuration (data only: JSON, never code). */
export const CONFIG_FILE = 'amo.config.json';

/** Reads a rule configuration (from `amo.config.json` or the `amo.rules` setting); bad entries are reported, not thrown. */
export function parseConfig(value: unknown): { config: AmoConfig; problems: Msg[] } {
  const problems: Msg[] = [];
  const rules: Record<string, SeveritySetting> = {};
  const raw = typeof value === 'object' && value !== null ? (value as { rules?: unknown }).rules : undefined;
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
    problems.push({ fr: '« rules » doit être un objet { "CODE": "error" | "warning" | "information" | "hint" | "off" }.', en: '"rules" must be an object { "CODE": "error" | "warning" | "information" | "hint" | "off" }.' });
    return { config: {}, problems };
  }
  for (const [code, sev] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    if (typeof sev === 'string' && SEVERITIES.has(sev as SeveritySetting)) rules[code] = sev as SeveritySetting;
    else problems.push({ fr: `Gravité « ${String(sev)} » invalide pour ${code} (error, warning, information, hint ou off).`, en: `Invalid severity '${String(sev)}' for ${code} (error, warning, information, hint or off).` });
  }
  return { config: { rules }, problems };
}

/** Settings win over the workspace file, code by code. */
export function mergeConfigs(...configs: (AmoConfig | undefined)[]): AmoConfig {
  const rules: Record<string, SeveritySetting> = {};
  for (const c of configs) Object.assign(rules, c?.rules ?? {});
  return { rules };
}
