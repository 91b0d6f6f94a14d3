import { ReactNode, useId } from 'react';
import { label } from '../vocabulary';

/** A form's values by field path ("person.name"), as the inputs hold them: text. */
export type Values = Record<string, string>;

/** The API's messages filed under the field each names, and those that name none. */
export interface FieldErrors {
  fields: Record<string, string[]>;
  other: string[];
}

export const NO_ERRORS: FieldErrors = { fields: {}, other: [] };

/**
 * The API's messages by the field they name ("person.name must be …"); the longest matching
 * path wins, so "consent.override.reason" is not filed under "consent". `aliases` files a
 * message about a whole object ("consent …") under the field that stands for it.
 */
export function errorsByField(
  fieldPaths: readonly string[],
  messages: readonly string[],
  aliases: Record<string, string> = {},
): FieldErrors {
  const paths = [...fieldPaths].sort((a, b) => b.length - a.length);
  const fields: Record<string, string[]> = {};
  const other: string[] = [];
  for (const message of messages) {
    const path =
      paths.find((candidate) => message.startsWith(`${candidate} `)) ??
      Object.entries(aliases).find(
        ([prefix]) => message.startsWith(`${prefix}.`) || message.startsWith(`${prefix} `),
      )?.[1];
    if (path) (fields[path] ??= []).push(message);
    else other.push(message);
  }
  return { fields, other };
}

/** Every message of a refused form, above it, announced. */
export function FormErrors({ errors, summary }: { errors: FieldErrors; summary: string }) {
  const all = [...errors.other, ...Object.values(errors.fields).flat()];
  if (all.length === 0) return null;
  return (
    <div role="alert" className="form-error">
      <p>{summary}</p>
      <ul>
        {all.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </div>
  );
}

export interface FieldProps {
  name: string;
  label: string;
  values: Values;
  errors: Record<string, string[]>;
  set: (name: string) => (value: string) => void;
  required?: boolean;
}

function FieldFrame(props: {
  id: string;
  label: string;
  required?: boolean;
  errors?: string[];
  children: ReactNode;
}) {
  return (
    <div className={props.errors ? 'field invalid' : 'field'}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.errors && (
        <p id={`${props.id}-error`} className="field-error">
          {props.errors.join('; ')}
        </p>
      )}
    </div>
  );
}

export function TextField(
  props: FieldProps & { type?: string; inputMode?: 'decimal' | 'numeric' },
) {
  const id = useId();
  const errors = props.errors[props.name];
  return (
    <FieldFrame id={id} label={props.label} errors={errors}>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        value={props.values[props.name]}
        required={props.required}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? `${id}-error` : undefined}
        onChange={(event) => props.set(props.name)(event.target.value)}
      />
    </FieldFrame>
  );
}

export function TextArea(props: FieldProps & { rows?: number; hint?: string }) {
  const id = useId();
  const errors = props.errors[props.name];
  return (
    <FieldFrame id={id} label={props.label} errors={errors}>
      {props.hint && (
        <p id={`${id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
      <textarea
        id={id}
        name={props.name}
        rows={props.rows}
        value={props.values[props.name]}
        required={props.required}
        aria-invalid={errors ? true : undefined}
        aria-describedby={
          [props.hint ? `${id}-hint` : '', errors ? `${id}-error` : ''].join(' ').trim() ||
          undefined
        }
        onChange={(event) => props.set(props.name)(event.target.value)}
      />
    </FieldFrame>
  );
}

/** A vocabulary word (shown as its label) or a [value, text] pair. */
export type Option = string | readonly [value: string, text: string];

export function SelectField(props: FieldProps & { options: readonly Option[] }) {
  const id = useId();
  const errors = props.errors[props.name];
  return (
    <FieldFrame id={id} label={props.label} errors={errors}>
      <select
        id={id}
        name={props.name}
        value={props.values[props.name]}
        required={props.required}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? `${id}-error` : undefined}
        onChange={(event) => props.set(props.name)(event.target.value)}
      >
        <option value="">Choose…</option>
        {props.options.map((option) => {
          const [value, text] = typeof option === 'string' ? [option, label(option)] : option;
          return (
            <option key={value} value={value}>
              {text}
            </option>
          );
        })}
      </select>
    </FieldFrame>
  );
}

export function RadioGroup(props: FieldProps & { options: [string, string][] }) {
  const id = useId();
  const errors = props.errors[props.name];
  return (
    <div
      className={errors ? 'field invalid' : 'field'}
      role="radiogroup"
      aria-labelledby={`${id}-label`}
      aria-describedby={errors ? `${id}-error` : undefined}
    >
      <span id={`${id}-label`} className="label">
        {props.label}
      </span>
      {props.options.map(([value, text]) => (
        <label key={value} className="choice">
          <input
            type="radio"
            name={props.name}
            value={value}
            checked={props.values[props.name] === value}
            onChange={() => props.set(props.name)(value)}
          />{' '}
          {text}
        </label>
      ))}
      {errors && (
        <p id={`${id}-error`} className="field-error">
          {errors.join('; ')}
        </p>
      )}
    </div>
  );
}
