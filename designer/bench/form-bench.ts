/* eslint-disable vue/one-component-per-file -- the bench mounts the form beside its plain reference */
import { createApp, defineComponent, h, nextTick, ref, type App } from 'vue';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import { evaluateForm } from '@lattice/runtime';
import { i18n } from '../src/i18n/language.js';
import { compileServedForms } from '../src/records/served-form.js';
import { liveForm } from '../src/records/record-editor.js';
import { layoutOf } from '../src/records/form-layout.js';
import RecordForm from '../src/records/RecordForm.vue';
import { syntheticForm } from './synthetic-form.js';

/**
 * Runs in Chromium (bench/run.ts opens it): the first render of a 200-field
 * form (compile its served form with the runtime, evaluate its logic,
 * mount the record page's form component) against 200 plain labelled
 * inputs, a select reached by Tab (its widget swapped in), and the
 * re-evaluation of its 50 conditions on a keystroke against the same
 * conditions written by hand.
 */
const user = { roles: ['bench'], unitPath: ['group'], channel: 'hall' };
const { entity, form, record } = syntheticForm();
const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const FormScreen = defineComponent({
  setup() {
    const compiled = compileServedForms([form], [entity]);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const edits = ref<Record<string, unknown>>({});
    const activeTab = ref('main');
    const layout = layoutOf(form, entity);
    // The record page's render path: the logic evaluated once, then the form component the page mounts.
    return () => {
      const live = liveForm(compiled.forms[0]!, { ...record, ...edits.value }, {}, { user, mode: 'update' });
      return h(RecordForm, { layout, entity, entities: [entity], states: live.fields, stored: record, edits: edits.value, errors: new Map(), activeTab: activeTab.value, 'onUpdate:activeTab': (key: string) => (activeTab.value = key), onChange: (name: string, v: unknown) => (edits.value = { ...edits.value, [name]: v }) });
    };
  },
});

const PlainScreen = defineComponent({
  setup: () => () => h('form', entity.fields.map((f) => h('label', [f.name, h('input', { value: String(record[f.name] ?? '') })]))),
});

async function timeMount(component: ReturnType<typeof defineComponent>): Promise<number> {
  const host = document.createElement('div');
  document.body.append(host);
  const start = performance.now();
  const app: App = createApp(component).use(ElementPlus).use(i18n);
  app.mount(host);
  await nextTick();
  // Rows shown: the browser has laid the form out.
  void host.getBoundingClientRect().height;
  const elapsed = performance.now() - start;
  await frame();
  app.unmount();
  host.remove();
  return elapsed;
}

/** Tab onto a select's stand-in until focus is in the Element Plus select that replaces it. */
async function timeFocus(): Promise<number[]> {
  const host = document.createElement('div');
  document.body.append(host);
  const app: App = createApp(FormScreen).use(ElementPlus).use(i18n);
  app.mount(host);
  await frame();
  const times: number[] = [];
  for (const field of entity.fields.filter((f) => f.type === 'picklist').slice(0, 12)) {
    const start = performance.now();
    document.getElementById(`field-${field.name}`)!.focus();
    while (!document.activeElement?.closest('.el-select:not(.stand-in)')) {
      if (performance.now() - start > 2000) throw new Error(`focus did not reach the select of ${field.name}`);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    times.push(performance.now() - start);
  }
  app.unmount();
  host.remove();
  return times;
}

async function run() {
  const render: number[] = [];
  const plain: number[] = [];
  await timeMount(FormScreen);
  await timeMount(PlainScreen);
  for (let i = 0; i < 15; i++) {
    render.push(await timeMount(FormScreen));
    plain.push(await timeMount(PlainScreen));
  }
  const focus = await timeFocus();
  const compileTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    compileServedForms([form], [entity]);
    compileTimes.push(performance.now() - start);
  }
  const compiled = compileServedForms([form], [entity]);
  if (!compiled.ok) throw new Error('bench form does not compile');
  const compiledForm = compiled.forms[0]!;
  const conditions = compiledForm.fields.filter((f) => f.visible.length);
  const keystroke: number[] = [];
  const byHand: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const typed: Record<string, unknown> = { ...record, f1: i % 3 === 0 ? 'c' : 'a', f0: `value ${i}` };
    let start = performance.now();
    for (let k = 0; k < 10; k++) evaluateForm(compiledForm, typed, { mode: 'update', user });
    keystroke.push((performance.now() - start) / 10);
    start = performance.now();
    for (let k = 0; k < 10; k++) {
      const hidden = new Set<string>();
      for (const field of conditions) if (typed[`f${Math.floor(Number(field.field.slice(1)) / 20) * 5 + 1}`] === 'c') hidden.add(field.field);
    }
    byHand.push((performance.now() - start) / 10);
  }
  (window as unknown as { benchResults: unknown }).benchResults = {
    formRenderMs: median(render), compileMs: median(compileTimes), plainRenderMs: median(plain), conditionCount: conditions.length,
    keystrokeMs: median(keystroke), byHandMs: median(byHand), focusMs: median(focus),
  };
}
run().catch((error) => ((window as unknown as { benchError: string }).benchError = String(error?.stack ?? error)));
