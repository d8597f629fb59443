import { mount } from 'svelte';
import { t, uiLocale } from '../shared/i18n';
import App from './App.svelte';
import { sidebarTokenOf } from '../../src/protocol/sidebar-token';
import { createSidebarConnector } from './connector';

document.documentElement.lang = uiLocale();
document.title = t('extensionName');
mount(App, { target: document.getElementById('app') as HTMLElement, props: { connector: createSidebarConnector(sidebarTokenOf(location.href) ?? '') } });
