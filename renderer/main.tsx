/** Renderer entry: mount the app, then connect (the app shows a quiet splash until boot is done). */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { boot } from "./app/boot";
import "./app/styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html is missing the #root element");

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

void boot();
