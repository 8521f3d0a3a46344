/** The top bar's Binder button: every starred alt across the project, in one dialog. */
import { useState } from "react";
import { BinderDialog } from "./BinderDialog";

export function BinderButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn-quiet" onClick={() => setOpen(true)} title="Every starred alt in the project" data-testid="binder.open">
        Binder
      </button>
      {open ? <BinderDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}
