import { it } from "vitest";
import { settled, startApp } from "../test/web/harness.js";
it("debug", async () => {
  const app = await startApp();
  const page = await app.open("page=forecast");
  await settled(page);
  await page.getByRole("button", { name: "Pin this scenario" }).click();
  await page.getByLabel("Devices", { exact: true }).fill("512");
  await page.getByLabel("Devices", { exact: true }).press("Enter");
  console.log(await settled(page));
  console.log(await page.locator(".pin-bar").textContent());
  console.log(
    await page.evaluate(() =>
      Array.from(document.querySelectorAll("[data-key]"))
        .map((e) => e.getAttribute("data-key"))
        .join(" "),
    ),
  );
  console.log(app.errors);
  await app.close();
});
