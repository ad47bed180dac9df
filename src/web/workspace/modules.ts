// The workspace's page modules, one per capability; a new capability adds its module here.
import { registerDemandPages } from './pages-demand.ts';
import { registerDeskPages } from './pages-desk.ts';
import { registerExportPages } from './pages-exports.ts';
import { registerImportPages } from './pages-import.ts';
import { registerMatchingPages } from './pages-matching.ts';
import { registerProviderPages } from './pages-provider.ts';
import { registerReferralPages } from './pages-referrals.ts';
import type { PageModule } from './routes.ts';

export const WORKSPACE_MODULES: PageModule[] = [registerDeskPages, registerProviderPages, registerMatchingPages, registerDemandPages, registerImportPages, registerReferralPages, registerExportPages];
