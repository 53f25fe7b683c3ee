import type { BootstrapAdmin } from '../auth/bootstrap-admin.js';

/** The first start's admin: its generated password is shown this once (it is stored only as a hash). */
export function printBootstrapAdmin(admin: BootstrapAdmin | undefined): void {
  if (!admin) return;
  console.log('\nCreated the first user:');
  if (admin.generatedPassword) {
    console.log(`  login ${admin.login}   initial password ${admin.generatedPassword}   (shown once: note it, then change it)`);
  } else {
    console.log(`  login ${admin.login}   initial password from LATTICE_ADMIN_PASSWORD`);
  }
}
