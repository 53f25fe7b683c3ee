import { h, type FunctionalComponent, type VNode } from 'vue';

/**
 * What a select, date picker, switch or segmented choice looks like before
 * the user reaches it: Element Plus' own markup and classes with a plain
 * labelled control inside, and none of the widget's machinery (popper,
 * watchers, resize observers, form-item wiring). Mounting 200 real widgets
 * takes seconds on a hall PC; this takes what a plain input takes, and is
 * a functional component (no instance of its own). The field swaps in the
 * real widget when the pointer enters it or focus reaches this control, so
 * it is in place before a click lands and Tab keeps going through the form.
 */
export interface StandInProps {
  kind: 'select' | 'date' | 'switch' | 'segmented';
  inputId: string;
  label: string;
  /** What the widget shows: the chosen option's label, the date, or nothing. */
  text: string;
  placeholder?: string;
  checked?: boolean;
  options?: ReadonlyArray<{ value: string; label: string }>;
  selected?: string;
  required?: boolean;
  onActivate: (focus: boolean) => void;
}

const ARROW_DOWN = 'M831.872 340.864 512 652.672 192.128 340.864a30.59 30.59 0 0 0-42.752 0 29.12 29.12 0 0 0 0 41.6L489.664 714.24a32 32 0 0 0 44.672 0l340.288-331.712a29.12 29.12 0 0 0 0-41.728 30.59 30.59 0 0 0-42.752 0z';
const CALENDAR = 'M128 384v512h768V192H768v32a32 32 0 1 1-64 0v-32H320v32a32 32 0 0 1-64 0v-32H128v128h768v64zm192-256h384V96a32 32 0 1 1 64 0v32h160a32 32 0 0 1 32 32v768a32 32 0 0 1-32 32H96a32 32 0 0 1-32-32V160a32 32 0 0 1 32-32h160V96a32 32 0 0 1 64 0z';
const icon = (path: string, className: string) => h('i', { class: `el-icon ${className}` }, [h('svg', { viewBox: '0 0 1024 1024', 'aria-hidden': 'true' }, [h('path', { fill: 'currentColor', d: path })])]);
const stop = (event: Event) => event.preventDefault();

export const FieldStandIn: FunctionalComponent<StandInProps> = (props) => {
  const focus = () => props.onActivate(true);
  const common = { id: props.inputId, 'aria-label': props.label, 'aria-required': props.required || undefined, onFocus: focus };
  switch (props.kind) {
    case 'select':
      return h('div', { class: 'el-select el-select--default stand-in' }, [h('div', { class: 'el-select__wrapper' }, [
        h('div', { class: 'el-select__selection' }, [h('input', { ...common, class: 'stand-in-text', readonly: true, role: 'combobox', 'aria-haspopup': 'listbox', 'aria-expanded': 'false', value: props.text, placeholder: props.placeholder || ' ' })]),
        h('div', { class: 'el-select__suffix' }, [icon(ARROW_DOWN, 'el-select__caret el-select__icon')]),
      ])]);
    case 'date':
      return h('div', { class: 'el-input el-input--prefix el-date-editor stand-in' }, [h('div', { class: 'el-input__wrapper' }, [
        h('span', { class: 'el-input__prefix' }, [h('span', { class: 'el-input__prefix-inner' }, [icon(CALENDAR, 'el-input__icon')])]),
        h('input', { ...common, class: 'el-input__inner', readonly: true, value: props.text, placeholder: props.placeholder }),
      ])]);
    case 'switch':
      return h('div', { class: ['el-switch stand-in', { 'is-checked': props.checked }] }, [
        h('input', { ...common, class: 'el-switch__input', type: 'checkbox', role: 'switch', checked: props.checked, 'aria-checked': props.checked ? 'true' : 'false', onClick: stop }),
        h('span', { class: 'el-switch__core' }, [h('div', { class: 'el-switch__action' })]),
      ]);
    default:
      return h('div', { class: 'el-radio-group stand-in', role: 'radiogroup', 'aria-label': props.label }, (props.options ?? []).map((o, i): VNode => {
        const chosen = o.value === props.selected;
        return h('label', { key: o.value, class: ['el-radio-button el-radio-button--small', { 'is-active': chosen }] }, [
          h('input', { id: i === 0 ? props.inputId : undefined, class: 'el-radio-button__original-radio', type: 'radio', value: o.value, checked: chosen, tabindex: chosen || (!props.selected && i === 0) ? 0 : -1, onFocus: focus, onClick: stop }),
          h('span', { class: 'el-radio-button__inner' }, o.label),
        ]);
      }));
  }
};
FieldStandIn.props = ['kind', 'inputId', 'label', 'text', 'placeholder', 'checked', 'options', 'selected', 'required', 'onActivate'];
