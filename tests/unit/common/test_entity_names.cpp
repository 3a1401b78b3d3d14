#include <gtest/gtest.h>

#include "dateline/common/text.h"
#include "dateline/detail/entity_names.h"

namespace dateline::detail {
namespace {

TEST(EntityNames, ALegalFormIsKnownHoweverItIsWritten) {
  for (std::string_view word : {"Inc", "INC", "Inc.", "Corp", "Ltd", "PLC", "AG", "GmbH"}) {
    EXPECT_TRUE(is_legal_form(word)) << word;
  }
  for (std::string_view word : {"Incorporated", "Bank", "Co-op", "Group", ""}) {
    EXPECT_FALSE(is_legal_form(word)) << word;
  }
}

TEST(EntityNames, ANameLosesTheLegalFormsThatEndIt) {
  EXPECT_EQ(without_legal_form("Texaco Inc"), "Texaco");
  EXPECT_EQ(without_legal_form("Texaco Inc."), "Texaco");
  EXPECT_EQ(without_legal_form("  Deutsche Bank AG "), "Deutsche Bank");
  EXPECT_EQ(without_legal_form("Ford Motor Co, Inc."), "Ford Motor");
  EXPECT_EQ(without_legal_form("Merrill Lynch and Co Inc"), "Merrill Lynch");
  EXPECT_EQ(without_legal_form("Smith & Co"), "Smith");
  EXPECT_EQ(without_legal_form("Standard and Poor's Corp"), "Standard and Poor's");
  // Elsewhere in the name, or the whole name, it stays.
  EXPECT_EQ(without_legal_form("Inc"), "Inc");
  EXPECT_EQ(without_legal_form("Co Op Bank"), "Co Op Bank");
  EXPECT_EQ(without_legal_form("Bank of America"), "Bank of America");
}

TEST(EntityNames, AKeyIsFoldedWithoutAnOrganisationsLegalFormAndThroughTheAliases) {
  EXPECT_EQ(entity_key("Texaco Inc", Entity::Type::organisation), "texaco");
  EXPECT_EQ(entity_key("TEXACO", Entity::Type::organisation), "texaco");
  // The alias table's variants key as their canonical form.
  const auto& aliases = alias_table().canonical;
  ASSERT_TRUE(aliases.contains("usa"));
  EXPECT_EQ(entity_key("USA", Entity::Type::place), facet_key(aliases.at("usa")));
  EXPECT_EQ(entity_key("U.S.A.", Entity::Type::place),
            entity_key("United States of America", Entity::Type::place));
  EXPECT_NE(entity_key("USA", Entity::Type::place), "usa");
  EXPECT_EQ(entity_key("Kiev", Entity::Type::place), entity_key("Kyiv", Entity::Type::place));
  EXPECT_EQ(entity_key("the World Bank", Entity::Type::organisation), "world bank");
  EXPECT_EQ(entity_key("The Hague", Entity::Type::place), "hague");
  EXPECT_EQ(entity_key("The", Entity::Type::misc), "the");
  // Names the table does not list are their facet_key().
  EXPECT_EQ(entity_key("Vladimir Putin's", Entity::Type::person), "vladimir putin");
  // Only an organisation loses a legal form: a person may be called "Henry Co".
  EXPECT_EQ(entity_key("Henry Co", Entity::Type::person), "henry co");
  EXPECT_EQ(entity_key("Henry Co", Entity::Type::organisation), "henry");
}

}  // namespace
}  // namespace dateline::detail
