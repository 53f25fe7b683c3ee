import type { InjectionKey } from 'vue';
import type { Client } from '@urql/core';

/** The admin API's client (`/admin/graphql`), provided by the app with the same session-aware fetch as the record API. */
export const ADMIN_CLIENT: InjectionKey<Client> = Symbol('admin-client');
