import { FormEvent, ReactNode, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api';

interface ConfirmDialogProps {
  /** The step's name, also the confirm button's: "Decline referral". */
  title: string;
  /** alertdialog for what cannot be undone. */
  destructive?: boolean;
  open: boolean;
  onClose: () => void;
  /** Runs the step; its ApiError (a 409 when someone else got there first) is shown. */
  onConfirm: () => Promise<void>;
  /** Form fields the step asks for, inside the dialog's form. */
  children?: ReactNode;
  /** Whether the fields are complete enough to confirm. */
  ready?: boolean;
}

/**
 * A modal confirmation (the native <dialog>): the focus moves into it and stays there, Escape
 * closes it, and its confirm button is named after the step, never a bare "OK" or "Cancel".
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, destructive, open, onClose, onConfirm, children, ready = true } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const titleId = `dialog-${title.replaceAll(' ', '-').toLowerCase()}`;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setError([]);
      element.showModal();
    }
    if (!open && element.open) element.close();
  }, [open]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await onConfirm();
      onClose();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.messages : [String(failure)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      role={destructive ? 'alertdialog' : 'dialog'}
      aria-labelledby={titleId}
      aria-modal="true"
      onClose={onClose}
      className="confirm"
    >
      <form onSubmit={(event) => void submit(event)}>
        <h2 id={titleId}>{title}</h2>
        {children}
        {error.length > 0 && (
          <div role="alert" className="form-error">
            {error.map((message) => (
              <p key={message}>{message}</p>
            ))}
          </div>
        )}
        <div className="actions">
          <button
            type="submit"
            className={destructive ? 'danger' : 'primary'}
            disabled={busy || !ready}
          >
            {title}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Go back
          </button>
        </div>
      </form>
    </dialog>
  );
}
