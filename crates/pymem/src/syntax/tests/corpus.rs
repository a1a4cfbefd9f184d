//! Programs that must compile in both modes: the eight ```python blocks of the
//! seed article (`seed_N.py`) and the conformance programs (`cNN_*.py`), copied from
//! `shared/` so the crate's tests do not depend on it.

use super::super::{compile, Mode};

const CORPUS: &[(&str, &str)] = &[
    (
        "c01_sys_getsizeof_ints_by_30_bit_digit_count.py",
        include_str!("corpus/c01_sys_getsizeof_ints_by_30_bit_digit_count.py"),
    ),
    (
        "c02_sys_getsizeof_str_kinds_compact_ascii_vs.py",
        include_str!("corpus/c02_sys_getsizeof_str_kinds_compact_ascii_vs.py"),
    ),
    (
        "c03_sys_getsizeof_tuple_list_dict_set_frozen.py",
        include_str!("corpus/c03_sys_getsizeof_tuple_list_dict_set_frozen.py"),
    ),
    (
        "c04_list_over_allocation_when_appending_one.py",
        include_str!("corpus/c04_list_over_allocation_when_appending_one.py"),
    ),
    (
        "c05_list_capacity_depends_on_how_the_list_wa.py",
        include_str!("corpus/c05_list_capacity_depends_on_how_the_list_wa.py"),
    ),
    (
        "c06_dict_and_set_growth_sizes_at_each_resize.py",
        include_str!("corpus/c06_dict_and_set_growth_sizes_at_each_resize.py"),
    ),
    (
        "c07_class_instances_plain_slots_key_sharing.py",
        include_str!("corpus/c07_class_instances_plain_slots_key_sharing.py"),
    ),
    (
        "c08_function_code_related_module_range_slice.py",
        include_str!("corpus/c08_function_code_related_module_range_slice.py"),
    ),
    (
        "c09_small_int_cache_is_exactly_5_256.py",
        include_str!("corpus/c09_small_int_cache_is_exactly_5_256.py"),
    ),
    (
        "c10_constant_de_duplication_one_script_one_c.py",
        include_str!("corpus/c10_constant_de_duplication_one_script_one_c.py"),
    ),
    (
        "c11_string_interning_rules.py",
        include_str!("corpus/c11_string_interning_rules.py"),
    ),
    (
        "c12_singletons_and_caches_no_is_against_lite.py",
        include_str!("corpus/c12_singletons_and_caches_no_is_against_lite.py"),
    ),
    (
        "c13_compile_time_constant_folding_limits_str.py",
        include_str!("corpus/c13_compile_time_constant_folding_limits_str.py"),
    ),
    (
        "c14_gc_thresholds_and_what_get_count_reports.py",
        include_str!("corpus/c14_gc_thresholds_and_what_get_count_reports.py"),
    ),
    (
        "c15_what_increments_decrements_generation_0.py",
        include_str!("corpus/c15_what_increments_decrements_generation_0.py"),
    ),
    (
        "c16_automatic_gen_0_collections_when_they_fi.py",
        include_str!("corpus/c16_automatic_gen_0_collections_when_they_fi.py"),
    ),
    (
        "c17_generation_cascade_and_the_long_lived_pe.py",
        include_str!("corpus/c17_generation_cascade_and_the_long_lived_pe.py"),
    ),
    (
        "c18_gc_collect_return_values_for_simple_cycl.py",
        include_str!("corpus/c18_gc_collect_return_values_for_simple_cycl.py"),
    ),
    (
        "c19_del_pep_442_finalizers_in_cycles_resurre.py",
        include_str!("corpus/c19_del_pep_442_finalizers_in_cycles_resurre.py"),
    ),
    (
        "c20_weakrefs_during_cyclic_collection_vs_ref.py",
        include_str!("corpus/c20_weakrefs_during_cyclic_collection_vs_ref.py"),
    ),
    (
        "c21_debug_saveall_callbacks_info_get_stats_s.py",
        include_str!("corpus/c21_debug_saveall_callbacks_info_get_stats_s.py"),
    ),
    (
        "c22_which_objects_the_gc_tracks_lazy_untrack.py",
        include_str!("corpus/c22_which_objects_the_gc_tracks_lazy_untrack.py"),
    ),
    (
        "c23_sys_getrefcount_basics_3_11_small_ints_e.py",
        include_str!("corpus/c23_sys_getrefcount_basics_3_11_small_ints_e.py"),
    ),
    (
        "c24_tracemalloc_i_for_i_in_range_1000000_and.py",
        include_str!("corpus/c24_tracemalloc_i_for_i_in_range_1000000_and.py"),
    ),
    (
        "c25_tracemalloc_snapshots_and_statistics_req.py",
        include_str!("corpus/c25_tracemalloc_snapshots_and_statistics_req.py"),
    ),
    (
        "c26_pymalloc_arenas_allocate_1m_small_object.py",
        include_str!("corpus/c26_pymalloc_arenas_allocate_1m_small_object.py"),
    ),
    (
        "c27_free_lists_are_emptied_by_a_full_generat.py",
        include_str!("corpus/c27_free_lists_are_emptied_by_a_full_generat.py"),
    ),
    (
        "c28_legacy_finalizers_tp_del_c_level_only_he.py",
        include_str!("corpus/c28_legacy_finalizers_tp_del_c_level_only_he.py"),
    ),
    (
        "c29_gc_freeze_frozen_objects_are_ignored_by.py",
        include_str!("corpus/c29_gc_freeze_frozen_objects_are_ignored_by.py"),
    ),
    ("seed_1.py", include_str!("corpus/seed_1.py")),
    ("seed_2.py", include_str!("corpus/seed_2.py")),
    ("seed_3.py", include_str!("corpus/seed_3.py")),
    ("seed_4.py", include_str!("corpus/seed_4.py")),
    ("seed_5.py", include_str!("corpus/seed_5.py")),
    ("seed_6.py", include_str!("corpus/seed_6.py")),
    ("seed_7.py", include_str!("corpus/seed_7.py")),
    ("seed_8.py", include_str!("corpus/seed_8.py")),
];

/// The corpus sources (for other tests).
pub(super) fn sources() -> impl Iterator<Item = &'static str> {
    CORPUS.iter().map(|(_, source)| *source)
}

#[test]
fn corpus_compiles_in_both_modes() {
    for (name, source) in CORPUS {
        for mode in [Mode::Script, Mode::Repl] {
            if let Err(e) = compile(source, name, mode) {
                panic!("{name} ({mode:?}) did not compile:\n{e}");
            }
        }
    }
}
