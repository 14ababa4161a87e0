import { api, type SessionInfo, type Vocabulary } from '../api/client.ts';
import { activeRole } from './access.ts';
import { useAsync } from './use-async.ts';

let vocabulary: Promise<Vocabulary> | null = null;

/** The roles and what they may do (GET /api/vocab), loaded once per page load. */
export function loadVocabulary(): Promise<Vocabulary> {
  vocabulary ??= api.vocab().catch((error: unknown) => {
    vocabulary = null;
    throw error;
  });
  return vocabulary;
}

/**
 * Whether the signed-in user holds a permission in the organisation they work for. The server
 * decides every request; this only keeps actions that would be refused off the screen.
 */
export function allows(info: SessionInfo, vocab: Vocabulary | undefined, permission: string): boolean {
  if (info.user.isInstallationAdmin) return true;
  const role = activeRole(info);
  if (!role || !vocab) return false;
  return vocab.roles.find((r) => r.code === role)?.permissions.includes(permission) ?? false;
}

/** `allows` for a component: false until the vocabulary has loaded. */
export function usePermission(info: SessionInfo, permission: string): boolean {
  const vocab = useAsync(loadVocabulary, []);
  return allows(info, vocab.data, permission);
}
