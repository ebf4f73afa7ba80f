def merge_rows(modeladmin, request, queryset):
    # an admin action: the admin alone calls it, for staff, so the
    # attribute it sets by a computed name is no visitor's write
    main = queryset[0]
    label = " + ".join(str(row) for row in queryset)
    setattr(main, modeladmin.merge_field, label)
    main.save()
