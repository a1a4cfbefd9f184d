//! Entry point: install the panic hook, mount the app.

fn main() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("pymem-lab panicked: {info}").into());
    }));
    yew::Renderer::<pymem_lab::App>::new().render();
}
