import * as migration_20261126_001252_initial from './20261126_001252_initial';
import * as migration_20261126_001300_users_username_ci from './20261126_001300_users_username_ci';
import * as migration_20261126_001301_auth_tokens_cascade from './20261126_001301_auth_tokens_cascade';
import * as migration_20261126_001302_search from './20261126_001302_search';
import * as migration_20261201_090000_products_live_status_idx from './20261201_090000_products_live_status_idx';
import * as migration_20261201_090100_search_words from './20261201_090100_search_words';
import * as migration_20261201_090200_products_gin_without_pending_list from './20261201_090200_products_gin_without_pending_list';
import * as migration_20261201_090300_products_live_catalog_idx from './20261201_090300_products_live_catalog_idx';
import * as migration_20261202_180736_email_change_confirmation from './20261202_180736_email_change_confirmation';
import * as migration_20261204_042540_console_storefront_jobs_storage from './20261204_042540_console_storefront_jobs_storage';
import * as migration_20261204_042600_audit_log_append_only from './20261204_042600_audit_log_append_only';
import * as migration_20261204_042610_orders_title_timeline_backfill from './20261204_042610_orders_title_timeline_backfill';
import * as migration_20261204_042620_job_runs_once from './20261204_042620_job_runs_once';
import * as migration_20261204_043030_product_moderation_events from './20261204_043030_product_moderation_events';
import * as migration_20261204_181001_moderation_events_backfilled_from from './20261204_181001_moderation_events_backfilled_from';
import * as migration_20261204_181010_moderation_history_backfill from './20261204_181010_moderation_history_backfill';

export const migrations = [
  {
    up: migration_20261126_001252_initial.up,
    down: migration_20261126_001252_initial.down,
    name: '20261126_001252_initial',
  },
  {
    up: migration_20261126_001300_users_username_ci.up,
    down: migration_20261126_001300_users_username_ci.down,
    name: '20261126_001300_users_username_ci',
  },
  {
    up: migration_20261126_001301_auth_tokens_cascade.up,
    down: migration_20261126_001301_auth_tokens_cascade.down,
    name: '20261126_001301_auth_tokens_cascade',
  },
  {
    up: migration_20261126_001302_search.up,
    down: migration_20261126_001302_search.down,
    name: '20261126_001302_search',
  },
  {
    up: migration_20261201_090000_products_live_status_idx.up,
    down: migration_20261201_090000_products_live_status_idx.down,
    name: '20261201_090000_products_live_status_idx',
  },
  {
    up: migration_20261201_090100_search_words.up,
    down: migration_20261201_090100_search_words.down,
    name: '20261201_090100_search_words',
  },
  {
    up: migration_20261201_090200_products_gin_without_pending_list.up,
    down: migration_20261201_090200_products_gin_without_pending_list.down,
    name: '20261201_090200_products_gin_without_pending_list',
  },
  {
    up: migration_20261201_090300_products_live_catalog_idx.up,
    down: migration_20261201_090300_products_live_catalog_idx.down,
    name: '20261201_090300_products_live_catalog_idx',
  },
  {
    up: migration_20261202_180736_email_change_confirmation.up,
    down: migration_20261202_180736_email_change_confirmation.down,
    name: '20261202_180736_email_change_confirmation',
  },
  {
    up: migration_20261204_042540_console_storefront_jobs_storage.up,
    down: migration_20261204_042540_console_storefront_jobs_storage.down,
    name: '20261204_042540_console_storefront_jobs_storage',
  },
  {
    up: migration_20261204_042600_audit_log_append_only.up,
    down: migration_20261204_042600_audit_log_append_only.down,
    name: '20261204_042600_audit_log_append_only',
  },
  {
    up: migration_20261204_042610_orders_title_timeline_backfill.up,
    down: migration_20261204_042610_orders_title_timeline_backfill.down,
    name: '20261204_042610_orders_title_timeline_backfill',
  },
  {
    up: migration_20261204_042620_job_runs_once.up,
    down: migration_20261204_042620_job_runs_once.down,
    name: '20261204_042620_job_runs_once',
  },
  {
    up: migration_20261204_043030_product_moderation_events.up,
    down: migration_20261204_043030_product_moderation_events.down,
    name: '20261204_043030_product_moderation_events',
  },
  {
    up: migration_20261204_181001_moderation_events_backfilled_from.up,
    down: migration_20261204_181001_moderation_events_backfilled_from.down,
    name: '20261204_181001_moderation_events_backfilled_from',
  },
  {
    up: migration_20261204_181010_moderation_history_backfill.up,
    down: migration_20261204_181010_moderation_history_backfill.down,
    name: '20261204_181010_moderation_history_backfill',
  },
];
