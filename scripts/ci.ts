/** CI=1, CI=true (GitHub Actions, GitLab, .ci/run...) but not CI=0, CI=false or an empty CI. */
export function isCi(env: Record<string, string | undefined> = process.env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return Boolean(value) && value !== '0' && value !== 'false';
}
