/**
 * The top bar's File menu: Export (each format opens the export dialog preset to it), Import
 * Markdown or Fountain…, Provenance…. A menu button: ↓ ↑ Home End move, Enter picks, Escape and Tab
 * close and give focus back to the button. Ctrl/Cmd+Shift+E opens the export dialog directly.
 */
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import type { ExportFormat } from "../../../shared/export/types";
import { useAppStore } from "../../stores/useAppStore";
import { menuKeyMove } from "../../ui/menuKeys";
import { useDismiss } from "../../ui/useDismiss";
import { MOD_KEY } from "../help/shortcuts";
import { ExportDialog } from "./ExportDialog";
import { exportMenuChoices } from "./exportChoices";
import { ImportFileInput } from "./ImportFileInput";
import { ProvenanceDialog } from "./ProvenanceDialog";
import { useExportShortcut } from "./useExportShortcut";
import "./file.css";

export function FileMenu() {
  useExportShortcut();
  const [open, setOpen] = useState(false);
  const wrapRef = useRef<HTMLDivElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const importRef = useRef<HTMLInputElement>(null);
  /** Which item to focus when the menu opens: the first, or the last (opened with ↑). */
  const focusOnOpen = useRef<"first" | "last">("first");
  const form = useAppStore((s) => s.projectState?.project.settings.form ?? "prose");
  const dialog = useAppStore((s) => s.fileDialog);
  const openExport = useAppStore((s) => s.openExport);
  const openProvenance = useAppStore((s) => s.openProvenance);
  const closeFileDialog = useAppStore((s) => s.closeFileDialog);
  const busy = useAppStore((s) => s.projectBusy);
  const ids = useId();
  // The top bar goes with the project: a dialog left open must not come back with the next one.
  useEffect(() => closeFileDialog, [closeFileDialog]);

  const items = () => [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? [])];
  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  }, []);
  const dismiss = useCallback(() => close(menuRef.current?.contains(document.activeElement) ?? false), [close]);
  useDismiss(wrapRef, open, dismiss);

  useEffect(() => {
    if (!open) return;
    const all = items();
    (focusOnOpen.current === "last" ? all[all.length - 1] : all[0])?.focus();
  }, [open]);

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    e.preventDefault();
    focusOnOpen.current = e.key === "ArrowUp" ? "last" : "first";
    setOpen(true);
  };
  const onMenuKey = (e: KeyboardEvent) => {
    const all = items();
    const move = menuKeyMove(e.key, all.indexOf(document.activeElement as HTMLButtonElement), all.length);
    if (!move) return;
    e.preventDefault();
    // Escape is also handled by useDismiss (capture): either way the menu closes once.
    if ("close" in move) close(true);
    else all[move.focus]?.focus();
  };
  // The pointer and the keyboard share one highlight: hovering an item focuses it.
  const onMenuPointer = (e: PointerEvent) => {
    const item = (e.target as HTMLElement).closest<HTMLButtonElement>('[role="menuitem"]:not(:disabled)');
    if (item && item !== document.activeElement) item.focus();
  };
  const pick = (run: () => void) => {
    close(true);
    run();
  };
  const pickExport = (format: ExportFormat) => pick(() => openExport(format));

  return (
    <div className="file-menu" ref={wrapRef}>
      <button
        ref={buttonRef}
        id={`${ids}-button`}
        type="button"
        className="btn btn-quiet"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${ids}-menu` : undefined}
        onClick={() => {
          focusOnOpen.current = "first";
          setOpen(!open);
        }}
        onKeyDown={onButtonKey}
        title={`Export, import, provenance (export: ${MOD_KEY}+Shift+E)`}
        data-testid="file.menu"
      >
        File
      </button>
      {open ? (
        <div
          ref={menuRef}
          id={`${ids}-menu`}
          className="menu file-menu-list"
          role="menu"
          aria-labelledby={`${ids}-button`}
          onKeyDown={onMenuKey}
          onPointerMove={onMenuPointer}
          data-testid="file.menu-list"
        >
          <div role="group" aria-labelledby={`${ids}-export`}>
            <div id={`${ids}-export`} className="menu-heading" role="presentation">
              <span>Export</span>
              <kbd className="menu-keys">{MOD_KEY}+Shift+E</kbd>
            </div>
            {exportMenuChoices(form).map((c) => (
              <button key={c.format} type="button" role="menuitem" className="menu-item" tabIndex={-1} onClick={() => pickExport(c.format)} data-testid={`file.export-${c.format}`}>
                <span>{c.menuLabel}</span>
              </button>
            ))}
          </div>
          <div role="separator" className="menu-separator" />
          <button type="button" role="menuitem" className="menu-item" tabIndex={-1} disabled={busy} onClick={() => pick(() => importRef.current?.click())} data-testid="file.import">
            <span>Import Markdown or Fountain…</span>
          </button>
          <button type="button" role="menuitem" className="menu-item" tabIndex={-1} onClick={() => pick(openProvenance)} data-testid="file.provenance">
            <span>Provenance…</span>
          </button>
        </div>
      ) : null}
      <ImportFileInput inputRef={importRef} testId="file.import-input" />
      {dialog?.kind === "export" ? <ExportDialog key={dialog.format} format={dialog.format} /> : null}
      {dialog?.kind === "provenance" ? <ProvenanceDialog /> : null}
    </div>
  );
}
