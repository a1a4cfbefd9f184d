//! Entry point: install the panic hook, mount the app with the engine in a
//! Web Worker.

fn main() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("pymem-lab panicked: {info}").into());
    }));
    let runner = pymem_lab::runner::Runner::worker("./worker_loader.js");
    yew::Renderer::<pymem_lab::App>::with_props(pymem_lab::AppProps { runner }).render();
}
